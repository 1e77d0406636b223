"""newsmine: a text-mining ETL that turns news articles into validated Parquet tables.

The package is a plain library: it never imports Prefect. ``flows/`` orchestrates it.
"""

__version__ = "0.1.0"

# Bumped whenever extraction output may change; stored on every row so that rows made by an
# older extractor can be found (and re-extracted) later.
PIPELINE_VERSION = "0.2.0"
