"""intake: the first stage. Accepts real JPEGs, judges legibility, finds and straightens the card."""
