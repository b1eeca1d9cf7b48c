"""Loading the records: files, parsing, validation and the parse store."""
