package ai.gallop.world;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A pixel rectangle written as [x0, y0, x1, y1]: x0 and y0 are the first covered column and row,
 * x1 and y1 one past the last, so width = x1 - x0 (the convention of image slicing).
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"x0", "y0", "x1", "y1"})
public record PixelBox(int x0, int y0, int x1, int y1) {
    public PixelBox {
        if (x1 < x0 || y1 < y0)
            throw new IllegalArgumentException("box [" + x0 + ", " + y0 + ", " + x1 + ", " + y1 + "] is inverted; allowed: x0 <= x1 and y0 <= y1");
    }

    public int width() { return x1 - x0; }

    public int height() { return y1 - y0; }

    public double centreX() { return (x0 + x1) / 2.0; }

    public double centreY() { return (y0 + y1) / 2.0; }
}
