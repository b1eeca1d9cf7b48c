"""The commands that live outside checker.cli, registered on its group when run or listed:
each parses its options, calls the pipeline or the layer it drives, and renders."""
