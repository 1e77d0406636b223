"""Prefect flows that orchestrate the ``newsmine`` library; no domain logic lives here."""
