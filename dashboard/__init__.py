"""The Streamlit dashboard: a thin shell over etl's named queries (see dashboard/app.py)."""
