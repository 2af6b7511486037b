package ai.gallop.world;

import ai.gallop.world.Lexicon.Side;
import ai.gallop.world.Vocabulary.Camera;
import ai.gallop.world.Vocabulary.Language;
import ai.gallop.world.Vocabulary.Relation;
import ai.gallop.world.Vocabulary.Scene;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static ai.gallop.world.Vocabulary.Action.*;
import static ai.gallop.world.Vocabulary.Colour.*;
import static ai.gallop.world.Vocabulary.Direction.*;
import static ai.gallop.world.Vocabulary.Size.*;
import static ai.gallop.world.Vocabulary.Subject.*;

/**
 * Korean captions and words. Particles follow the noun's last syllable (말이, 공이, 새가; 말은, 새는);
 * a relation reads "파란 상자의 왼쪽에", reference first. The parser matches stems at the start of
 * a space-separated word and skips the endings after them, so 질주한다 and 질주하고 있다 read alike.
 */
final class KoreanCaptions extends CaptionGrammar {
    static final Lexicon LEXICON = Lexicon.builder(Language.KO)
            .kind(HORSE, "말", "조랑말", "망아지", "경주마")
            .kind(BALL, "공", "구슬")
            .kind(BIRD, "새", "참새")
            .kind(CAR, "자동차", "차", "승용차", "자동차들")
            .kind(FISH, "물고기", "생선", "고기")
            .kind(BOX, "상자", "박스", "정육면체", "큐브")
            .kind(STAR, "별", "별표")
            .colour(RED, Side.AFTER, "빨간", "빨간색", "빨강", "붉은", "붉은색")
            .colour(ORANGE, Side.AFTER, "주황색", "주황", "오렌지색")
            .colour(YELLOW, Side.AFTER, "노란", "노란색", "노랑")
            .colour(GREEN, Side.AFTER, "초록색", "초록", "녹색", "초록빛")
            .colour(BLUE, Side.AFTER, "파란", "파란색", "파랑", "푸른")
            .colour(PURPLE, Side.AFTER, "보라색", "보라", "보랏빛")
            .colour(PINK, Side.AFTER, "분홍색", "분홍", "핑크색", "핑크")
            .colour(WHITE, Side.AFTER, "하얀", "하얀색", "흰", "흰색", "하양")
            .colour(BLACK, Side.AFTER, "검은", "검은색", "검정", "까만", "까만색")
            .colour(BROWN, Side.AFTER, "갈색", "밤색")
            .size(SMALL, Side.AFTER, "작은", "조그만", "자그마한", "소형")
            .size(MEDIUM, Side.AFTER, "중간 크기", "중간", "중형", "보통 크기")
            .size(LARGE, Side.AFTER, "큰", "커다란", "대형", "거대한")
            .action(STILL, "가만히", "움직이지 않", "멈춰", "멈춘", "정지", "꼼짝")
            .action(MOVE, "움직", "이동", "나아", "미끄러", "굴러")
            .motion(MOVE, UP, "올라", "상승", "떠오르", "떠오른")
            .motion(MOVE, DOWN, "내려", "하강", "떨어")
            .run("달리", "달린", "달려", "뛰어간", "뛰어가")
            .action(GALLOP, "질주", "전력질주", "갤럽")
            .action(BOUNCE, "통통", "튀", "튄", "튀어 오른", "튀어 오르", "튀어오르", "튀어오른", "바운드")
            .action(JUMP, "점프", "뛰어오르", "뛰어오른", "뛰어올라", "도약", "펄쩍")
            .action(SPIN, "회전", "빙글빙글", "돈다", "돌고", "돌며", "돌아", "빙빙")
            .action(GROW, "커지", "커진", "커져", "커다래", "확대", "부풀")
            .action(SHRINK, "작아지", "작아진", "작아져", "줄어", "축소", "쪼그라")
            .action(FLY, "날아", "날고", "난다", "비행", "날갯짓")
            .action(SWIM, "헤엄", "수영", "유영")
            .direction(LEFT, "왼쪽으로", "왼편으로", "좌측으로", "왼쪽")
            .direction(RIGHT, "오른쪽으로", "오른편으로", "우측으로", "오른쪽")
            .direction(UP, "위로", "위쪽으로", "위쪽")
            .direction(DOWN, "아래로", "아래쪽으로", "밑으로", "아래쪽")
            .relation(Relation.LEFT_OF, Side.BEFORE, "왼쪽에", "왼편에", "좌측에")
            .relation(Relation.RIGHT_OF, Side.BEFORE, "오른쪽에", "오른편에", "우측에")
            .relation(Relation.ABOVE, Side.BEFORE, "위에", "위쪽에", "위")
            .relation(Relation.BELOW, Side.BEFORE, "아래에", "아래쪽에", "밑에", "아래", "밑")
            .scene(Scene.MEADOW, "초원", "풀밭", "들판", "목초지", "잔디밭")
            .scene(Scene.BEACH, "해변", "바닷가", "모래사장", "해안", "백사장")
            .scene(Scene.NIGHT_SKY, "밤하늘", "별이 빛나는 하늘", "밤")
            .scene(Scene.SNOW, "눈밭", "설원", "눈 덮인 들판", "눈", "눈 속", "설경")
            .scene(Scene.DESERT, "사막", "모래 언덕")
            .scene(Scene.CITY_STREET, "도시 거리", "거리", "길거리", "도심", "도로", "도시")
            .scene(Scene.STUDIO, "스튜디오", "촬영장")
            .camera(Camera.STATIC, "고정", "고정된 카메라")
            .camera(Camera.ZOOM_IN, "줌인", "줌 인", "줌인한", "클로즈업")
            .camera(Camera.ZOOM_OUT, "줌아웃", "줌 아웃", "줌아웃한")
            .pan("팬", "패닝")
            .cameraNoun("카메라", "화면")
            .pronoun("그것", "그것은", "그것이")
            .cut("전환", "컷", "장면 전환", "다음 장면", "장면이 바뀌", "장면이 바뀐")
            .separator("그리고", "동안", "한편", "또한", "그다음", "이어서", "그러고")
            .filler("있", "한", "마리", "대", "개", "점점", "천천히", "힘차게", "빠르게", "계속", "배경", "장소", "곳", "장면",
                    "모습", "텅", "빈", "하", "하는", "하고", "한다", "합니다", "되어", "된", "바뀐", "바뀌", "넘어", "그",
                    "이", "저", "제자리", "제자리에서", "서", "앞", "뒤", "중", "속", "영상", "동영상", "보인다", "보이", "아주",
                    "매우", "조금", "살짝", "쪽", "넓은", "새로운", "새로", "공중")
            // Wordings people type that the grammar never writes (the paraphrase suite checks them).
            .size(SMALL, Side.AFTER, "작고")
            .run("내달리", "내달린", "내달려")
            .action(JUMP, "깡충깡충", "뛴")
            .motion(MOVE, DOWN, "가라앉")
            .camera(Camera.ZOOM_IN, "다가가", "다가간")
            .camera(Camera.ZOOM_OUT, "뒤로 빠지", "뒤로 빠진", "뒤로 물러나", "뒤로 물러난")
            .cut("다음 컷")
            .filler("보여", "줘", "보여 줘", "가로질러", "다니", "다닌", "쉬지 않고", "않", "샷", "따라", "간다", "얹혀", "먼저",
                    "데굴데굴", "봐", "훨훨", "저것")
            .build();

    @Override Language language() { return Language.KO; }

    @Override Lexicon lexicon() { return LEXICON; }

    /** Whether a Hangul word ends in a consonant, which picks 이/은 over 가/는. */
    private static boolean closed(String word) {
        char c = word.charAt(word.length() - 1);
        return c >= 0xAC00 && c <= 0xD7A3 && (c - 0xAC00) % 28 != 0;
    }

    private static String subject(String noun) { return noun + (closed(noun) ? "이" : "가"); }

    private static String topic(String noun) { return noun + (closed(noun) ? "은" : "는"); }

    private static String[] noun(SubjectSpec s, SplittableRandom rng) {   // {noun, counter}
        return switch (s.kind()) {
            case HORSE -> new String[]{"말", "마리"};
            case BALL -> new String[]{"공", "개"};
            case BIRD -> new String[]{"새", "마리"};
            case CAR -> pick(rng, new String[]{"자동차", "대"}, new String[]{"차", "대"});
            case FISH -> new String[]{"물고기", "마리"};
            case BOX -> pick(rng, new String[]{"상자", "개"}, new String[]{"박스", "개"});
            case STAR -> new String[]{"별", "개"};
        };
    }

    private static String colour(SubjectSpec s, SplittableRandom rng) {
        return switch (s.colour()) {
            case RED -> pick(rng, "빨간", "빨간색");
            case ORANGE -> "주황색";
            case YELLOW -> pick(rng, "노란", "노란색");
            case GREEN -> pick(rng, "초록색", "녹색");
            case BLUE -> pick(rng, "파란", "파란색");
            case PURPLE -> "보라색";
            case PINK -> "분홍색";
            case WHITE -> pick(rng, "하얀", "흰");
            case BLACK -> pick(rng, "검은", "검은색");
            case BROWN -> "갈색";
        };
    }

    private static String size(SubjectSpec s, SplittableRandom rng) {
        return switch (s.size()) {
            case SMALL -> "작은";
            case MEDIUM -> "중간 크기의";
            case LARGE -> pick(rng, "큰", "커다란");
        };
    }

    private static String named(SubjectSpec s, SplittableRandom rng) { return colour(s, rng) + " " + noun(s, rng)[0]; }

    private static String position(Relation r, SplittableRandom rng) {
        return switch (r) {
            case LEFT_OF -> "왼쪽에";
            case RIGHT_OF -> "오른쪽에";
            case ABOVE -> "위에";
            case BELOW -> pick(rng, "아래에", "밑에");
        };
    }

    /** {plain, progressive} forms with the direction before the verb. */
    private static String verb(SubjectSpec s, SplittableRandom rng) {
        String way = switch (s.direction()) {
            case LEFT -> "왼쪽으로 ";
            case RIGHT -> "오른쪽으로 ";
            case UP -> "위로 ";
            case DOWN -> "아래로 ";
            case NONE -> "";
        };
        boolean progressive = rng.nextBoolean();
        return switch (s.action()) {
            case STILL -> pick(rng, "가만히 있다", "움직이지 않는다", "멈춰 있다");
            case MOVE -> s.direction() == UP && rng.nextBoolean() ? "위로 올라간다"
                    : s.direction() == DOWN && rng.nextBoolean() ? "아래로 내려간다"
                    : way + (progressive ? "움직이고 있다" : pick(rng, "움직인다", "이동한다"));
            case GALLOP -> way + (progressive ? "질주하고 있다" : pick(rng, "질주한다", "힘차게 달린다"));
            case BOUNCE -> progressive ? "통통 튀고 있다" : pick(rng, "통통 튄다", "튀어 오른다");
            case JUMP -> progressive ? "점프하고 있다" : pick(rng, "점프한다", "뛰어오른다");
            case SPIN -> progressive ? "회전하고 있다" : pick(rng, "회전한다", "빙글빙글 돈다");
            case GROW -> pick(rng, "점점 커진다", "점점 커지고 있다");
            case SHRINK -> pick(rng, "점점 작아진다", "점점 작아지고 있다");
            case FLY -> way + (progressive ? "날아가고 있다" : "날아간다");
            case SWIM -> way + (progressive ? "헤엄치고 있다" : "헤엄친다");
        };
    }

    private static String locative(Scene scene, SplittableRandom rng) {
        return switch (scene) {
            case MEADOW -> pick(rng, "초원에서", "풀밭에서", "넓은 들판에서");
            case BEACH -> pick(rng, "해변에서", "바닷가에서", "모래사장에서");
            case NIGHT_SKY -> pick(rng, "밤하늘을 배경으로", "별이 빛나는 하늘에서", "밤하늘에서");
            case SNOW -> pick(rng, "눈밭에서", "설원에서", "눈 덮인 들판에서");
            case DESERT -> pick(rng, "사막에서", "모래 언덕에서");
            case CITY_STREET -> pick(rng, "도시 거리에서", "길거리에서", "도심의 거리에서");
            case STUDIO -> pick(rng, "스튜디오에서", "텅 빈 스튜디오에서");
        };
    }

    private static String sceneName(Scene scene, SplittableRandom rng) {
        return switch (scene) {
            case MEADOW -> pick(rng, "초원", "풀밭");
            case BEACH -> pick(rng, "해변", "바닷가");
            case NIGHT_SKY -> "밤하늘";
            case SNOW -> pick(rng, "눈밭", "설원");
            case DESERT -> "사막";
            case CITY_STREET -> pick(rng, "도시 거리", "길거리");
            case STUDIO -> "스튜디오";
        };
    }

    private static String cameraSentence(Camera camera, SplittableRandom rng) {
        return switch (camera) {
            case STATIC -> pick(rng, "카메라는 고정되어 있다.", "카메라는 움직이지 않는다.");
            case PAN_LEFT -> pick(rng, "카메라가 왼쪽으로 팬한다.", "카메라가 천천히 왼쪽으로 이동한다.");
            case PAN_RIGHT -> pick(rng, "카메라가 오른쪽으로 팬한다.", "카메라가 천천히 오른쪽으로 이동한다.");
            case ZOOM_IN -> pick(rng, "카메라가 줌인한다.", "카메라가 천천히 줌인한다.");
            case ZOOM_OUT -> pick(rng, "카메라가 줌아웃한다.", "카메라가 천천히 줌아웃한다.");
        };
    }

    private static String clause(SubjectSpec s, String place, SplittableRandom rng) {
        String where = place == null ? "" : place + " ";
        String np = size(s, rng) + " " + named(s, rng);
        return switch (rng.nextInt(3)) {
            case 0 -> where + subject(np) + " " + verb(s, rng);
            case 1 -> subject(np) + " " + where + verb(s, rng);
            default -> where + np + " 한 " + subject(noun(s, rng)[1]) + " " + verb(s, rng);
        };
    }

    @Override
    String shot(ShotSpec shot, SplittableRandom rng) {
        List<String> sentences = new ArrayList<>();
        int scenePlace = rng.nextInt(2), cameraPlace = rng.nextInt(2);
        if (cameraPlace == 0) sentences.add(cameraSentence(shot.camera(), rng));
        if (scenePlace == 1) sentences.add(pick(rng, "배경은 ", "장소는 ") + sceneName(shot.scene(), rng) + "이다.");
        List<SubjectSpec> subjects = shot.subjects();
        for (int i = 0; i < subjects.size(); i++) {
            SubjectSpec s = subjects.get(i);
            RelationSpec r = i == 0 ? null : relationOf(shot, i);
            int style = rng.nextInt(3);
            String place = i == 0 && scenePlace == 0 ? locative(shot.scene(), rng) : null;
            if (r != null && style == 0) place = named(subjects.get(r.reference()), rng) + "의 " + position(r.relation(), rng) + "서는";
            sentences.add(clause(s, place, rng) + ".");
            if (r == null || style == 0) continue;
            SubjectSpec reference = subjects.get(r.reference());
            sentences.add(switch (style == 1 ? 0 : 1 + rng.nextInt(2)) {
                case 0 -> topic(named(s, rng)) + " " + named(reference, rng) + "의 " + position(r.relation(), rng) + " 있다.";
                case 1 -> named(reference, rng) + "의 " + position(r.relation(), rng) + " " + subject(named(s, rng)) + " 있다.";
                default -> topic(named(reference, rng)) + " " + named(s, rng) + "의 " + position(PromptAssembler.inverse(r.relation()), rng) + " 있다.";
            });
        }
        if (cameraPlace == 1) sentences.add(cameraSentence(shot.camera(), rng));
        return String.join(" ", sentences);
    }

    @Override
    String cut(SplittableRandom rng) { return pick(rng, " 이어서 장면이 전환된다. ", " 그다음 컷이 바뀐다. ", " 장면 전환: "); }
}
