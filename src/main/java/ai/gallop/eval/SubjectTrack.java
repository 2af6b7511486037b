package ai.gallop.eval;

import ai.gallop.world.Vocabulary.Action;
import ai.gallop.world.Vocabulary.Colour;
import ai.gallop.world.Vocabulary.Direction;
import ai.gallop.world.Vocabulary.Subject;

/** A tracked subject with what the detectors made of it: its kind (majority over frames) and its action. */
public record SubjectTrack(Track track, Subject kind, Action action, Direction direction) {
    public Colour colour() { return track.colour(); }
}
