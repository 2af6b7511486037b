package ai.gallop.diffusion;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

import java.util.List;
import java.util.Locale;

/**
 * The flow times above {@code from} and up to {@code to} (0 is the clean clip, 1 pure noise). Open below, so that
 * clean condition tokens (t = 0) are never inside; closed above, so that a range up to 1 holds pure noise.
 */
public record TimeRange(double from, double to) {
    private static final String ALLOWED = "allowed: FROM,TO with 0 <= FROM < TO <= 1";

    public TimeRange {
        if (!valid(from, to)) throw new IllegalArgumentException("times " + text(from, to) + " are out of range; " + ALLOWED);
    }

    /** Two numbers, FROM and TO, as a flag gives them. */
    public static TimeRange of(String flag, List<Double> bounds) {
        if (bounds.size() != 2) throw new IllegalArgumentException(flag + " takes two times, FROM,TO; got " + bounds.size());
        double from = bounds.get(0), to = bounds.get(1);
        if (!valid(from, to)) throw new IllegalArgumentException(flag + " " + text(from, to) + " is out of range; " + ALLOWED);
        return new TimeRange(from, to);
    }

    private static boolean valid(double from, double to) { return from >= 0 && from < to && to <= 1; }

    /** 1 where a token's time lies in the range, else 0, in t's type. */
    public Tensor mask(Tensor t) {
        return t.gt(new Scalar(from)).logical_and(t.le(new Scalar(to))).to(Tensors.type(t));  // like t
    }

    @Override
    public String toString() { return text(from, to); }

    private static String text(double from, double to) { return String.format(Locale.ROOT, "%s,%s", from, to); }
}
