"""Widgets the screens are built from. Each takes plain engine data as attributes and posts messages up."""
