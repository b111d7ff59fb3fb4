"""ocr: reads text from a rectified card, tells the document, and parses its fields."""
