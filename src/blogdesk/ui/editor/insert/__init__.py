"""What comes into a post other than by typing: pasted and dropped data (`paste.py`), images
through the image dialog (`images.py`, `image_dialog.py`, `image_modes.py`), and the library
folder their files are copied to (`media_store.py`)."""
