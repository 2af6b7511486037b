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
 * Mandarin captions and words (simplified characters). Nouns take their measure word (一匹马,
 * 一只鸟, 一辆汽车, 一条鱼, 一颗星星); the direction stands before the verb (向右飞奔); a relation's
 * reference comes before the position word (在蓝色盒子的左边).
 */
final class MandarinCaptions extends CaptionGrammar {
    static final Lexicon LEXICON = Lexicon.builder(Language.ZH)
            .kind(HORSE, "马", "骏马", "马儿")
            .kind(BALL, "球", "皮球", "圆球")
            .kind(BIRD, "鸟", "鸟儿", "飞鸟")
            .kind(CAR, "汽车", "车", "轿车", "车子")
            .kind(FISH, "鱼", "鱼儿")
            .kind(BOX, "盒子", "箱子", "方块", "立方体", "纸箱", "盒")
            .kind(STAR, "星星", "星", "五角星")
            .colour(RED, Side.AFTER, "红色", "红", "红色的")
            .colour(ORANGE, Side.AFTER, "橙色", "橙", "橘色", "橘黄色")
            .colour(YELLOW, Side.AFTER, "黄色", "黄")
            .colour(GREEN, Side.AFTER, "绿色", "绿")
            .colour(BLUE, Side.AFTER, "蓝色", "蓝")
            .colour(PURPLE, Side.AFTER, "紫色", "紫")
            .colour(PINK, Side.AFTER, "粉色", "粉红色", "粉红")
            .colour(WHITE, Side.AFTER, "白色", "白")
            .colour(BLACK, Side.AFTER, "黑色", "黑")
            .colour(BROWN, Side.AFTER, "棕色", "褐色", "咖啡色", "棕")
            .size(SMALL, Side.AFTER, "小", "小小的", "小型", "很小")
            .size(MEDIUM, Side.AFTER, "中等大小", "中等", "中号", "中型", "不大不小")
            .size(LARGE, Side.AFTER, "大", "大大的", "大型", "巨大", "很大")
            .action(STILL, "静止", "静止不动", "一动不动", "保持不动", "不动", "静静", "停着", "停在原地")
            .action(MOVE, "移动", "滑动", "滑行", "行驶", "前进", "挪动", "运动", "走", "滚动")
            .motion(MOVE, UP, "上升", "升起", "飘起")
            .motion(MOVE, DOWN, "下降", "下落", "落下")
            .run("跑", "奔跑", "跑动", "小跑")
            .action(GALLOP, "飞奔", "疾驰", "奔腾", "驰骋")
            .action(BOUNCE, "弹跳", "上下弹跳", "蹦蹦跳跳", "弹来弹去", "弹起")
            .action(JUMP, "跳跃", "跳", "跳起来", "跳起", "纵身一跃", "蹦")
            .action(SPIN, "旋转", "转圈", "打转", "原地打转", "转动", "自转")
            .action(GROW, "变大", "逐渐变大", "越变越大", "越来越大", "长大", "膨胀")
            .action(SHRINK, "变小", "逐渐变小", "越变越小", "越来越小", "缩小", "收缩")
            .action(FLY, "飞", "飞翔", "飞行", "飞过")
            .action(SWIM, "游", "游动", "游泳", "游过")
            .direction(LEFT, "向左", "往左", "朝左", "向左边", "往左边", "向左方")
            .direction(RIGHT, "向右", "往右", "朝右", "向右边", "往右边", "向右方")
            .direction(UP, "向上", "往上", "朝上")
            .direction(DOWN, "向下", "往下", "朝下")
            .relation(Relation.LEFT_OF, Side.BEFORE, "左边", "左侧", "左面", "左方")
            .relation(Relation.RIGHT_OF, Side.BEFORE, "右边", "右侧", "右面", "右方")
            .relation(Relation.ABOVE, Side.BEFORE, "上方", "上面", "上边", "之上")
            .relation(Relation.BELOW, Side.BEFORE, "下方", "下面", "下边", "之下", "底下")
            .scene(Scene.MEADOW, "草地", "草原", "草坪", "牧场")
            .scene(Scene.BEACH, "海滩", "沙滩", "海边")
            .scene(Scene.NIGHT_SKY, "夜空", "星空", "夜晚的天空", "夜晚", "夜里")
            .scene(Scene.SNOW, "雪地", "雪原", "雪中", "雪景", "雪")
            .scene(Scene.DESERT, "沙漠", "沙丘")
            .scene(Scene.CITY_STREET, "城市街道", "街道", "街上", "马路", "城市", "街头")
            .scene(Scene.STUDIO, "摄影棚", "演播室", "工作室", "影棚")
            .camera(Camera.STATIC, "固定", "固定不动", "固定机位", "固定镜头")
            .camera(Camera.ZOOM_IN, "推近", "拉近", "推进", "放大画面")
            .camera(Camera.ZOOM_OUT, "拉远", "拉开", "缩小画面")
            .pan("平移", "摇", "横摇", "摇镜", "摇动")
            .cameraNoun("镜头", "摄像机", "相机", "机位")
            .pronoun("它", "它们")
            .cut("切换到", "切到", "切换", "画面一转", "镜头一切", "转场", "下一个镜头", "切")
            .separator("和", "与", "同时", "而", "并且", "然后", "接着", "之后", "随后", "另外")
            .filler("一", "个", "匹", "只", "颗", "辆", "条", "部", "架", "片", "间", "的", "地", "得", "在", "正在", "正",
                    "着", "了", "是", "有", "上", "中", "里", "下", "位于", "处于", "缓缓", "慢慢", "慢慢地", "缓缓地", "快速",
                    "快速地", "不停", "不停地", "逐渐", "渐渐", "一直", "保持", "场景", "背景", "画面", "空旷", "空荡荡",
                    "拍摄", "去", "来", "可以", "看到", "见", "其", "这", "那", "儿", "请", "生成", "视频", "那里", "这里", "原地", "地方")
            // Wordings people type that the grammar never writes (the paraphrase suite checks them).
            .size(SMALL, Side.AFTER, "小号")
            .size(LARGE, Side.AFTER, "大号")
            .action(SPIN, "转", "转个不停")
            .action(BOUNCE, "蹦来蹦去")
            .action(MOVE, "开", "滚")
            .motion(MOVE, DOWN, "沉", "下沉", "往下沉")
            .action(FLY, "盘旋")
            .camera(Camera.ZOOM_OUT, "往后拉", "后拉")
            .filler("给", "给我", "我", "想", "看", "段", "沿着", "也", "先", "上空")
            .build();

    /** Verbs that read well with the durative 着. */
    private static final List<String> ONGOING = List.of("飞奔", "疾驰", "奔腾", "飞翔", "飞行", "游动", "移动", "滑动", "旋转", "转圈", "弹跳");

    @Override Language language() { return Language.ZH; }

    @Override Lexicon lexicon() { return LEXICON; }

    private static String[] noun(SubjectSpec s, SplittableRandom rng) {   // {noun, measure word}
        return switch (s.kind()) {
            case HORSE -> new String[]{"马", "匹"};
            case BALL -> pick(rng, new String[]{"球", "个"}, new String[]{"皮球", "个"});
            case BIRD -> new String[]{"鸟", "只"};
            case CAR -> pick(rng, new String[]{"汽车", "辆"}, new String[]{"轿车", "辆"});
            case FISH -> new String[]{"鱼", "条"};
            case BOX -> pick(rng, new String[]{"盒子", "个"}, new String[]{"箱子", "个"}, new String[]{"方块", "个"});
            case STAR -> new String[]{"星星", "颗"};
        };
    }

    private static String colour(SubjectSpec s) {
        return switch (s.colour()) {
            case RED -> "红色"; case ORANGE -> "橙色"; case YELLOW -> "黄色"; case GREEN -> "绿色"; case BLUE -> "蓝色";
            case PURPLE -> "紫色"; case PINK -> "粉色"; case WHITE -> "白色"; case BLACK -> "黑色"; case BROWN -> "棕色";
        };
    }

    /** "一匹棕色的大马" or "一匹大大的棕色马". */
    private static String indefinite(SubjectSpec s, SplittableRandom rng) {
        String[] n = noun(s, rng);
        if (rng.nextBoolean()) {
            String size = switch (s.size()) { case SMALL -> "小"; case MEDIUM -> "中等大小的"; case LARGE -> "大"; };
            return "一" + n[1] + colour(s) + "的" + size + n[0];
        }
        String size = switch (s.size()) { case SMALL -> "小小的"; case MEDIUM -> "中等大小的"; case LARGE -> "大大的"; };
        return "一" + n[1] + size + colour(s) + n[0];
    }

    private static String definite(SubjectSpec s, SplittableRandom rng) {
        return colour(s) + pick(rng, "的", "") + noun(s, rng)[0];
    }

    private static String position(Relation r, SplittableRandom rng) {
        return switch (r) {
            case LEFT_OF -> pick(rng, "左边", "左侧");
            case RIGHT_OF -> pick(rng, "右边", "右侧");
            case ABOVE -> pick(rng, "上方", "上面");
            case BELOW -> pick(rng, "下方", "下面");
        };
    }

    private static String verb(SubjectSpec s, SplittableRandom rng) {
        String way = switch (s.direction()) {
            case LEFT -> pick(rng, "向左", "往左", "朝左");
            case RIGHT -> pick(rng, "向右", "往右", "朝右");
            case UP -> pick(rng, "向上", "往上");
            case DOWN -> pick(rng, "向下", "往下");
            case NONE -> "";
        };
        return switch (s.action()) {
            case STILL -> pick(rng, "静止不动", "一动不动", "保持不动");
            case MOVE -> s.direction() == UP && rng.nextBoolean() ? "缓缓上升"
                    : s.direction() == DOWN && rng.nextBoolean() ? "缓缓下降" : way + pick(rng, "移动", "滑动", "缓缓移动");
            case GALLOP -> way + pick(rng, "飞奔", "疾驰", "奔腾");
            case BOUNCE -> pick(rng, "弹跳", "上下弹跳", "蹦蹦跳跳");
            case JUMP -> pick(rng, "跳跃", "跳起来", "不停地跳跃");
            case SPIN -> pick(rng, "旋转", "转圈", "原地打转");
            case GROW -> pick(rng, "变大", "逐渐变大", "越变越大");
            case SHRINK -> pick(rng, "变小", "逐渐变小", "越变越小");
            case FLY -> way + pick(rng, "飞翔", "飞行", "飞");
            case SWIM -> way + pick(rng, "游动", "游去", "游泳");
        };
    }

    private static String locative(Scene scene, SplittableRandom rng) {
        return switch (scene) {
            case MEADOW -> pick(rng, "在一片草地上", "在草原上", "在草坪上");
            case BEACH -> pick(rng, "在海滩上", "在沙滩上", "在海边");
            case NIGHT_SKY -> pick(rng, "在夜空中", "在星空下", "在夜晚的天空中");
            case SNOW -> pick(rng, "在雪地里", "在雪原上", "在一片雪地中");
            case DESERT -> pick(rng, "在沙漠中", "在沙漠里", "在沙丘上");
            case CITY_STREET -> pick(rng, "在城市街道上", "在街道上", "在城市的街道上");
            case STUDIO -> pick(rng, "在摄影棚里", "在演播室里", "在一间空旷的摄影棚里");
        };
    }

    private static String sceneName(Scene scene, SplittableRandom rng) {
        return switch (scene) {
            case MEADOW -> pick(rng, "一片草地", "草原");
            case BEACH -> pick(rng, "海滩", "沙滩");
            case NIGHT_SKY -> pick(rng, "夜空", "星空");
            case SNOW -> pick(rng, "一片雪地", "雪原");
            case DESERT -> "沙漠";
            case CITY_STREET -> pick(rng, "城市街道", "街道");
            case STUDIO -> pick(rng, "摄影棚", "演播室");
        };
    }

    private static String cameraSentence(Camera camera, SplittableRandom rng) {
        return switch (camera) {
            case STATIC -> pick(rng, "镜头固定不动。", "镜头保持静止。", "固定机位拍摄。");
            case PAN_LEFT -> pick(rng, "镜头向左平移。", "镜头缓缓向左摇。");
            case PAN_RIGHT -> pick(rng, "镜头向右平移。", "镜头缓缓向右摇。");
            case ZOOM_IN -> pick(rng, "镜头推近。", "镜头缓缓拉近。");
            case ZOOM_OUT -> pick(rng, "镜头拉远。", "镜头缓缓拉远。");
        };
    }

    private static String clause(SubjectSpec s, String place, SplittableRandom rng) {
        String where = place == null ? "" : place;
        String v = verb(s, rng);
        if (s.action() == STILL) return (rng.nextBoolean() ? "有" : "") + indefinite(s, rng) + where + v;
        return switch (rng.nextInt(3)) {
            case 0 -> indefinite(s, rng) + (place == null ? "正在" : "正" + where) + v;
            case 1 -> "有" + indefinite(s, rng) + (place == null ? "在" : where) + v;
            default -> indefinite(s, rng) + where + v + (ONGOING.stream().anyMatch(v::endsWith) ? "着" : "");
        };
    }

    @Override
    String shot(ShotSpec shot, SplittableRandom rng) {
        List<String> sentences = new ArrayList<>();
        int scenePlace = rng.nextInt(3), cameraPlace = rng.nextInt(2);
        if (cameraPlace == 0) sentences.add(cameraSentence(shot.camera(), rng));
        if (scenePlace == 2) sentences.add(pick(rng, "场景是", "背景是") + sceneName(shot.scene(), rng) + "。");
        List<SubjectSpec> subjects = shot.subjects();
        for (int i = 0; i < subjects.size(); i++) {
            SubjectSpec s = subjects.get(i);
            RelationSpec r = i == 0 ? null : relationOf(shot, i);
            int style = rng.nextInt(3);
            String clause = clause(s, i == 0 && scenePlace == 1 ? locative(shot.scene(), rng) : null, rng);
            if (i == 0 && scenePlace == 0) clause = locative(shot.scene(), rng) + "，" + clause;
            if (r != null && style == 0)
                clause = "在" + definite(subjects.get(r.reference()), rng) + "的" + position(r.relation(), rng) + "，" + clause;
            sentences.add(clause + "。");
            if (r == null || style == 0) continue;
            SubjectSpec reference = subjects.get(r.reference());
            String verb = pick(rng, "在", "位于");
            sentences.add(style == 1
                    ? definite(s, rng) + verb + definite(reference, rng) + "的" + position(r.relation(), rng) + "。"
                    : definite(reference, rng) + verb + definite(s, rng) + "的" + position(PromptAssembler.inverse(r.relation()), rng) + "。");
        }
        if (cameraPlace == 1) sentences.add(cameraSentence(shot.camera(), rng));
        return String.join("", sentences);
    }

    @Override
    String cut(SplittableRandom rng) { return pick(rng, "然后切换到下一个镜头：", "接着画面一转。", "镜头一切，"); }
}
