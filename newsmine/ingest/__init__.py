"""Reading raw inputs into :class:`Article` records, and :class:`Reject` rows for what cannot be read."""

from newsmine.ingest.article import Article, Reject, article_id_for
from newsmine.ingest.readers import IngestResult, discover, read_batch

__all__ = ["Article", "IngestResult", "Reject", "article_id_for", "discover", "read_batch"]
