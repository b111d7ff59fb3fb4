"""samples: a seeded generator of synthetic ID photos with ground truth."""
