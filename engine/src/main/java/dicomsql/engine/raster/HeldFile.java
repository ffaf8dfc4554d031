package dicomsql.engine.raster;

import dicomsql.engine.dicom.PixelData;

/**
 * A multi-frame file whose pixel data was read into memory (compressed frames cannot be read
 * from the file in place), kept so that each of its frames is decoded from it: {@code bytes}
 * is the file's size. Its frames are decoded one thread at a time, holding its lock.
 */
record HeldFile(PixelData pixels, long bytes) implements KeptPixels {}
