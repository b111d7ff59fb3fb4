"""matching: compares what a card says with a registration. No images, no database."""
