"""The charter of commitments: records.py (storage, checks), commitments.py (use cases with
the indicator registry), compliance.py (target against value per period), area.py."""
