package ai.gallop.world;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Subject;

/**
 * One subject in one frame. {@code box} is the extent of its visible pixels (those where it is the
 * top-most subject, inside the frame), null when none is; {@code shapeBox} the extent of every pixel
 * its shape covers, ignoring the frame edge and other subjects (it may reach outside the frame).
 * {@code pixels} counts the visible pixels and {@code visibleFraction} divides them by the shape's
 * whole area. {@code centre} is the subject's origin on screen and {@code world} the same point in
 * world coordinates. {@code scale} is the subject's own size factor (grow, shrink; camera zoom
 * not included), {@code rotation} its clockwise turn in degrees, {@code speed} how fast its origin
 * moves through the world in frame widths per second.
 */
public record SubjectTruth(int index, Subject kind, Colour colour, Action action, boolean visible,
                           double visibleFraction, int pixels, PixelBox box, PixelBox shapeBox,
                           Point centre, Point world, double scale, double rotation, double speed) {}
