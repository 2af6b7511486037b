package ai.gallop.eval;

import java.util.List;

/**
 * The accumulated camera transform of a shot: frame i of the shot sees a point that was at p on the
 * shot's first frame at c + scale[i] * (p - c) + (dx[i], dy[i]). Undoing it puts subject positions
 * and sizes back into first-frame ("world") coordinates, so a pan does not read as subject travel and
 * a zoom does not read as growth.
 */
record CameraCompensation(double[] scale, double[] dx, double[] dy, double cx, double cy) {
    /** @param motions motions.get(i) is the motion from shot frame i - 1 to i (index 0 ignored) */
    static CameraCompensation of(List<CameraMotion> motions, int width, int height) {
        int n = motions.size();
        double[] s = new double[n], dx = new double[n], dy = new double[n];
        s[0] = 1;
        for (int i = 1; i < n; i++) {
            CameraMotion m = motions.get(i);
            s[i] = s[i - 1] * m.scale();
            dx[i] = m.scale() * dx[i - 1] + m.dx();
            dy[i] = m.scale() * dy[i - 1] + m.dy();
        }
        return new CameraCompensation(s, dx, dy, width / 2.0, height / 2.0);
    }

    double worldX(int i, double screenX) { return cx + (screenX - cx - dx[i]) / scale[i]; }

    double worldY(int i, double screenY) { return cy + (screenY - cy - dy[i]) / scale[i]; }

    /** An on-screen area in first-frame pixels. */
    double worldArea(int i, double area) { return area / (scale[i] * scale[i]); }
}
