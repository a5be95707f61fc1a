"""A comparison's timeline: its audit events and the imports and analyses derived from
its articles, comparison and jobs, one list filterable by person and kind."""
