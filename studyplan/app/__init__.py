"""The application layer: what every face of studyplan calls.

``session.Session`` holds what a use case needs (config, store, profile,
curriculum, timetable, clock, language); one module per group of use cases takes
a session and returns plain records. Nothing here knows typer or rich: the CLI,
the prompt's ``status`` line and any later face call the same functions.
"""
