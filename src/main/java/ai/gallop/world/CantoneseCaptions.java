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
 * Written Cantonese captions and words (traditional characters): 喺 for "at", 嘅 for the linking
 * particle, 緊 for the progressive, Cantonese nouns and classifiers (一隻雀仔, 一個波, 一架車,
 * 一條魚, 一粒星星) and verbs (郁, 彈嚟彈去, 越嚟越大).
 */
final class CantoneseCaptions extends CaptionGrammar {
    static final Lexicon LEXICON = Lexicon.builder(Language.YUE)
            .kind(HORSE, "馬", "馬仔", "駿馬")
            .kind(BALL, "波", "球", "波波", "皮球")
            .kind(BIRD, "雀仔", "雀", "鳥", "雀鳥")
            .kind(CAR, "車", "汽車", "私家車", "車仔")
            .kind(FISH, "魚", "魚仔")
            .kind(BOX, "盒", "盒仔", "箱", "箱仔", "紙箱", "方塊")
            .kind(STAR, "星星", "星", "星仔")
            .colour(RED, Side.AFTER, "紅色", "紅")
            .colour(ORANGE, Side.AFTER, "橙色", "橙")
            .colour(YELLOW, Side.AFTER, "黃色", "黃")
            .colour(GREEN, Side.AFTER, "綠色", "綠")
            .colour(BLUE, Side.AFTER, "藍色", "藍")
            .colour(PURPLE, Side.AFTER, "紫色", "紫")
            .colour(PINK, Side.AFTER, "粉紅色", "粉紅", "粉色")
            .colour(WHITE, Side.AFTER, "白色", "白")
            .colour(BLACK, Side.AFTER, "黑色", "黑")
            .colour(BROWN, Side.AFTER, "啡色", "咖啡色", "棕色", "啡")
            .size(SMALL, Side.AFTER, "細", "細細隻", "細細個", "細隻", "好細", "細粒", "小")
            .size(MEDIUM, Side.AFTER, "中等大小", "唔大唔細", "中等", "中型")
            .size(LARGE, Side.AFTER, "大", "大大隻", "大大個", "大隻", "好大", "巨型")
            .action(STILL, "唔郁", "定定", "定住", "一動不動", "靜止", "靜止不動", "冇郁")
            .action(MOVE, "郁", "移動", "移", "滑", "行", "行緊", "揸", "郁動")
            .motion(MOVE, UP, "升", "升高", "向上升")
            .motion(MOVE, DOWN, "跌", "跌落", "沉落", "向下跌")
            .run("跑", "奔跑", "跑步")
            .action(GALLOP, "飛奔", "奔馳", "狂奔", "疾馳")
            .action(BOUNCE, "彈", "彈嚟彈去", "彈下彈下", "彈跳", "上下彈")
            .action(JUMP, "跳", "跳起", "跳高", "跳嚟跳去", "跳躍")
            .action(SPIN, "轉圈", "轉緊圈", "打轉", "打緊轉", "旋轉", "自轉", "轉")
            .action(GROW, "變大", "越嚟越大", "大咗", "脹大")
            .action(SHRINK, "變細", "越嚟越細", "縮細", "細咗", "縮")
            .action(FLY, "飛", "飛翔", "飛行")
            .action(SWIM, "游", "游水", "游緊水", "游泳")
            .direction(LEFT, "向左", "往左", "向左邊", "去左邊", "向左手邊")
            .direction(RIGHT, "向右", "往右", "向右邊", "去右邊", "向右手邊")
            .direction(UP, "向上", "往上", "向上面")
            .direction(DOWN, "向下", "往下", "向下面")
            .relation(Relation.LEFT_OF, Side.BEFORE, "左邊", "左手邊", "左面")
            .relation(Relation.RIGHT_OF, Side.BEFORE, "右邊", "右手邊", "右面")
            .relation(Relation.ABOVE, Side.BEFORE, "上面", "上邊", "頂")
            .relation(Relation.BELOW, Side.BEFORE, "下面", "下邊", "底下", "底")
            .scene(Scene.MEADOW, "草地", "草原", "草坪", "草")
            .scene(Scene.BEACH, "沙灘", "海灘", "海邊")
            .scene(Scene.NIGHT_SKY, "夜空", "星空", "夜晚嘅天空", "夜晚", "晚黑")
            .scene(Scene.SNOW, "雪地", "雪", "雪景")
            .scene(Scene.DESERT, "沙漠", "沙丘")
            .scene(Scene.CITY_STREET, "城市街道", "街道", "街", "馬路", "市區", "城市")
            .scene(Scene.STUDIO, "影樓", "攝影棚", "錄影廠", "錄影室")
            .camera(Camera.STATIC, "固定鏡頭", "固定", "定鏡")
            .camera(Camera.ZOOM_IN, "推近", "拉近", "影近啲")
            .camera(Camera.ZOOM_OUT, "拉遠", "拉開", "影遠啲")
            .pan("搖", "搖鏡", "打橫搖")
            .cameraNoun("鏡頭", "攝影機", "相機", "機位")
            .pronoun("佢", "佢哋")
            .cut("切去", "切換到", "剪接到", "剪去", "鏡頭一轉", "轉場", "下一個鏡頭", "下個鏡頭")
            .separator("同", "同埋", "同時", "跟住", "然後", "之後", "另外", "仲有")
            .filler("一", "隻", "個", "架", "條", "粒", "匹", "部", "嘅", "喺", "度", "喺度", "緊", "住", "咗", "嚟", "去",
                    "係", "有", "上", "入面", "裏面", "中間", "慢慢", "慢慢咁", "不停", "不停咁", "咁", "啲", "都", "一啲都",
                    "企", "企喺度", "背景", "場景", "畫面", "個背景", "就", "呢", "嗰", "喇", "啦", "嘞", "吖", "請", "影",
                    "影片", "睇到", "見到", "位置", "原地", "一路", "正", "正在", "在", "的")
            // Wordings people type that the grammar never writes (the paraphrase suite checks them).
            .action(GROW, "愈嚟愈大", "愈變愈大")
            .action(SHRINK, "愈嚟愈細", "愈縮愈細")
            .action(MOVE, "碌")
            .filler("俾", "我", "俾我睇", "睇", "睇下", "完全", "先", "上空", "極都唔停", "唔停")
            .build();

    @Override Language language() { return Language.YUE; }

    @Override Lexicon lexicon() { return LEXICON; }

    private static String[] noun(SubjectSpec s, SplittableRandom rng) {   // {noun, classifier}
        return switch (s.kind()) {
            case HORSE -> new String[]{"馬", "隻"};
            case BALL -> pick(rng, new String[]{"波", "個"}, new String[]{"球", "個"});
            case BIRD -> pick(rng, new String[]{"雀仔", "隻"}, new String[]{"雀", "隻"});
            case CAR -> pick(rng, new String[]{"車", "架"}, new String[]{"汽車", "架"});
            case FISH -> new String[]{"魚", "條"};
            case BOX -> pick(rng, new String[]{"盒", "個"}, new String[]{"箱", "個"});
            case STAR -> new String[]{"星星", "粒"};
        };
    }

    private static String colour(SubjectSpec s) {
        return switch (s.colour()) {
            case RED -> "紅色"; case ORANGE -> "橙色"; case YELLOW -> "黃色"; case GREEN -> "綠色"; case BLUE -> "藍色";
            case PURPLE -> "紫色"; case PINK -> "粉紅色"; case WHITE -> "白色"; case BLACK -> "黑色"; case BROWN -> "啡色";
        };
    }

    /** "一隻大大隻嘅啡色馬" or "一隻啡色嘅大馬". */
    private static String indefinite(SubjectSpec s, SplittableRandom rng) {
        String[] n = noun(s, rng);
        if (rng.nextBoolean()) {
            String size = switch (s.size()) { case SMALL -> "細細個"; case MEDIUM -> "唔大唔細"; case LARGE -> "大大個"; };
            return "一" + n[1] + size + "嘅" + colour(s) + n[0];
        }
        String size = switch (s.size()) { case SMALL -> "細"; case MEDIUM -> "中等大小嘅"; case LARGE -> "大"; };
        return "一" + n[1] + colour(s) + "嘅" + size + n[0];
    }

    private static String definite(SubjectSpec s, SplittableRandom rng) {
        String[] n = noun(s, rng);
        return pick(rng, "", n[1]) + colour(s) + "嘅" + n[0];
    }

    private static String position(Relation r, SplittableRandom rng) {
        return switch (r) {
            case LEFT_OF -> pick(rng, "左邊", "左手邊");
            case RIGHT_OF -> pick(rng, "右邊", "右手邊");
            case ABOVE -> pick(rng, "上面", "上邊");
            case BELOW -> pick(rng, "下面", "下邊");
        };
    }

    private static String verb(SubjectSpec s, SplittableRandom rng) {
        String way = switch (s.direction()) {
            case LEFT -> pick(rng, "向左", "往左");
            case RIGHT -> pick(rng, "向右", "往右");
            case UP -> "向上";
            case DOWN -> "向下";
            case NONE -> "";
        };
        return switch (s.action()) {
            case STILL -> pick(rng, "定定企喺度", "一啲都唔郁", "定住唔郁");
            case MOVE -> way + pick(rng, "郁緊", "移動緊", "慢慢移動");
            case GALLOP -> way + pick(rng, "飛奔緊", "奔馳緊", "飛奔");
            case BOUNCE -> pick(rng, "彈嚟彈去", "彈下彈下", "不停咁彈");
            case JUMP -> pick(rng, "跳緊", "不停咁跳");
            case SPIN -> pick(rng, "轉緊圈", "打緊轉", "旋轉緊");
            case GROW -> pick(rng, "越嚟越大", "慢慢變大");
            case SHRINK -> pick(rng, "越嚟越細", "慢慢變細", "縮細緊");
            case FLY -> way + pick(rng, "飛緊", "飛");
            case SWIM -> way + pick(rng, "游緊水", "游緊");
        };
    }

    private static String locative(Scene scene, SplittableRandom rng) {
        return switch (scene) {
            case MEADOW -> pick(rng, "喺草地度", "喺草原上");
            case BEACH -> pick(rng, "喺沙灘度", "喺海灘上");
            case NIGHT_SKY -> pick(rng, "喺夜空入面", "喺夜晚嘅天空度");
            case SNOW -> pick(rng, "喺雪地度", "喺雪地上");
            case DESERT -> pick(rng, "喺沙漠度", "喺沙漠入面");
            case CITY_STREET -> pick(rng, "喺城市街道上", "喺街度", "喺市區街道度");
            case STUDIO -> pick(rng, "喺影樓度", "喺攝影棚入面");
        };
    }

    private static String sceneName(Scene scene, SplittableRandom rng) {
        return switch (scene) {
            case MEADOW -> pick(rng, "草地", "草原");
            case BEACH -> pick(rng, "沙灘", "海灘");
            case NIGHT_SKY -> pick(rng, "夜空", "星空");
            case SNOW -> "雪地";
            case DESERT -> "沙漠";
            case CITY_STREET -> pick(rng, "城市街道", "街道");
            case STUDIO -> pick(rng, "影樓", "攝影棚");
        };
    }

    private static String cameraSentence(Camera camera, SplittableRandom rng) {
        return switch (camera) {
            case STATIC -> pick(rng, "鏡頭定住唔郁。", "鏡頭保持靜止。", "固定鏡頭。");
            case PAN_LEFT -> pick(rng, "鏡頭向左搖。", "鏡頭慢慢向左移。");
            case PAN_RIGHT -> pick(rng, "鏡頭向右搖。", "鏡頭慢慢向右移。");
            case ZOOM_IN -> pick(rng, "鏡頭推近。", "鏡頭慢慢拉近。");
            case ZOOM_OUT -> pick(rng, "鏡頭拉遠。", "鏡頭慢慢拉遠。");
        };
    }

    private static String clause(SubjectSpec s, String place, SplittableRandom rng) {
        String where = place == null ? "" : place;
        return switch (rng.nextInt(3)) {
            case 0 -> indefinite(s, rng) + where + verb(s, rng);
            case 1 -> "有" + indefinite(s, rng) + where + verb(s, rng);
            default -> indefinite(s, rng) + (place == null ? "喺度" : where) + verb(s, rng);
        };
    }

    @Override
    String shot(ShotSpec shot, SplittableRandom rng) {
        List<String> sentences = new ArrayList<>();
        int scenePlace = rng.nextInt(3), cameraPlace = rng.nextInt(2);
        if (cameraPlace == 0) sentences.add(cameraSentence(shot.camera(), rng));
        if (scenePlace == 2) sentences.add(pick(rng, "場景係", "背景係") + sceneName(shot.scene(), rng) + "。");
        List<SubjectSpec> subjects = shot.subjects();
        for (int i = 0; i < subjects.size(); i++) {
            SubjectSpec s = subjects.get(i);
            RelationSpec r = i == 0 ? null : relationOf(shot, i);
            int style = rng.nextInt(3);
            String clause = clause(s, i == 0 && scenePlace == 1 ? locative(shot.scene(), rng) : null, rng);
            if (i == 0 && scenePlace == 0) clause = locative(shot.scene(), rng) + "，" + clause;
            if (r != null && style == 0)
                clause = "喺" + definite(subjects.get(r.reference()), rng) + position(r.relation(), rng) + "，" + clause;
            sentences.add(clause + "。");
            if (r == null || style == 0) continue;
            SubjectSpec reference = subjects.get(r.reference());
            sentences.add(style == 1
                    ? definite(s, rng) + "喺" + definite(reference, rng) + position(r.relation(), rng) + "。"
                    : definite(reference, rng) + "喺" + definite(s, rng) + position(PromptAssembler.inverse(r.relation()), rng) + "。");
        }
        if (cameraPlace == 1) sentences.add(cameraSentence(shot.camera(), rng));
        return String.join("", sentences);
    }

    @Override
    String cut(SplittableRandom rng) { return pick(rng, "跟住切去下一個鏡頭：", "然後鏡頭一轉，", "之後剪接到："); }
}
