"""Qt widgets, dialogs and item models. They talk to services only, never SQL."""
