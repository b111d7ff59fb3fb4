"""honnin: the wiring (configuration, database, pipeline, jobs, CLI) around the stages."""

__version__ = "0.1.0"
