"""peewee models, the schema and its migrations. Never imports Qt."""
