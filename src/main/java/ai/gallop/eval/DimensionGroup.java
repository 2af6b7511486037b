package ai.gallop.eval;

/** The four families of dimensions a clip is scored on; written as "semantic", "quality", "i2v", "sound". */
public enum DimensionGroup { SEMANTIC, QUALITY, I2V, SOUND }
