"""The charter of commitments page (embedded in the Auto-évaluation tab)."""
