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
 * Japanese captions and words. Particles (が, は, で, の) mark the roles; a relation reads
 * "青い箱の左に", reference first. The parser matches word stems and treats unmatched hiragana as
 * grammar (okurigana, particles, auxiliaries), so 駆けている and 駆けていく both read as a gallop.
 */
final class JapaneseCaptions extends CaptionGrammar {
    static final Lexicon LEXICON = Lexicon.builder(Language.JA)
            .kind(HORSE, "馬", "うま", "ウマ", "子馬", "ポニー")
            .kind(BALL, "ボール", "球", "たま", "まり")
            .kind(BIRD, "鳥", "小鳥", "とり")
            .kind(CAR, "車", "自動車", "クルマ", "くるま", "カー")
            .kind(FISH, "魚", "さかな", "サカナ")
            .kind(BOX, "箱", "はこ", "ボックス", "立方体", "キューブ")
            .kind(STAR, "星", "ほし", "スター")
            .colour(RED, Side.AFTER, "赤", "赤い", "赤色", "レッド")
            .colour(ORANGE, Side.AFTER, "オレンジ", "オレンジ色", "橙色", "だいだい色")
            .colour(YELLOW, Side.AFTER, "黄色", "黄色い", "黄", "イエロー")
            .colour(GREEN, Side.AFTER, "緑", "緑色", "グリーン", "みどり")
            .colour(BLUE, Side.AFTER, "青", "青い", "青色", "ブルー")
            .colour(PURPLE, Side.AFTER, "紫", "紫色", "パープル", "むらさき")
            .colour(PINK, Side.AFTER, "ピンク", "ピンク色", "桃色")
            .colour(WHITE, Side.AFTER, "白", "白い", "白色", "ホワイト")
            .colour(BLACK, Side.AFTER, "黒", "黒い", "黒色", "ブラック")
            .colour(BROWN, Side.AFTER, "茶色", "茶色い", "茶", "ブラウン")
            .size(SMALL, Side.AFTER, "小さな", "小さい", "小型", "小さめ", "ちいさな", "ちいさい")
            .size(MEDIUM, Side.AFTER, "中くらい", "中ぐらい", "中型", "中サイズ", "中位")
            .size(LARGE, Side.AFTER, "大きな", "大きい", "大型", "大きめ", "巨大", "おおきな", "おおきい")
            .action(STILL, "じっと", "静止", "止ま", "止まって", "動かな", "動かず", "停止")
            .action(MOVE, "移動", "動い", "動く", "動き", "進ん", "進む", "進み", "滑っ", "滑る", "転が")
            .motion(MOVE, UP, "上昇", "昇っ", "昇る", "上が")
            .motion(MOVE, DOWN, "下降", "降り", "降下", "落ち", "沈ん")
            .run("走", "走っ", "走る", "走り")
            .action(GALLOP, "駆け", "駆ける", "疾走", "ギャロップ", "駆け足")
            .action(BOUNCE, "弾ん", "弾む", "弾み", "跳ね", "バウンド", "飛び跳ね", "ぴょんぴょん")
            .action(JUMP, "ジャンプ", "跳ん", "跳ぶ", "跳び", "跳び上が", "飛び上が", "跳躍")
            .action(SPIN, "回転", "くるくる", "回っ", "回る", "回り", "スピン")
            .action(GROW, "大きく", "膨ら", "成長", "拡大", "巨大化")
            .action(SHRINK, "小さく", "縮ん", "縮む", "縮み", "縮小")
            .action(FLY, "飛ん", "飛ぶ", "飛び", "飛行", "飛翔")
            .action(SWIM, "泳", "泳い", "泳ぐ", "泳ぎ")
            .direction(LEFT, "左へ", "左に", "左方向", "左向き", "左側へ", "左")
            .direction(RIGHT, "右へ", "右に", "右方向", "右向き", "右側へ", "右")
            .direction(UP, "上へ", "上に", "上方向", "上向き")
            .direction(DOWN, "下へ", "下に", "下方向", "下向き")
            .relation(Relation.LEFT_OF, Side.BEFORE, "の左", "の左側", "の左手")
            .relation(Relation.RIGHT_OF, Side.BEFORE, "の右", "の右側", "の右手")
            .relation(Relation.ABOVE, Side.BEFORE, "の上", "の上方", "の真上")
            .relation(Relation.BELOW, Side.BEFORE, "の下", "の下方", "の真下")
            .scene(Scene.MEADOW, "草原", "野原", "牧草地", "草地", "芝生")
            .scene(Scene.BEACH, "浜辺", "砂浜", "ビーチ", "海辺", "海岸")
            .scene(Scene.NIGHT_SKY, "夜空", "星空", "夜")
            .scene(Scene.SNOW, "雪原", "雪景色", "雪", "雪の中", "雪野原")
            .scene(Scene.DESERT, "砂漠", "砂丘")
            .scene(Scene.CITY_STREET, "街の通り", "通り", "街路", "街中", "街", "市街地", "道路", "都会")
            .scene(Scene.STUDIO, "スタジオ", "撮影スタジオ")
            .camera(Camera.STATIC, "固定", "定点", "フィックス")
            .camera(Camera.ZOOM_IN, "ズームイン", "寄って", "寄る", "ズーム・イン")
            .camera(Camera.ZOOM_OUT, "ズームアウト", "引いて", "引く", "ズーム・アウト")
            .pan("パン", "パンする", "パンして")
            .cameraNoun("カメラ", "撮影カメラ")
            .pronoun("それ", "それら")
            .cut("カット", "切り替わ", "切り替え", "場面転換", "シーンが変わ", "画面が変わ")
            .separator("そして", "一方", "また", "それから", "次に", "同時に", "ながら")
            .filler("一頭", "一匹", "一羽", "一台", "一つ", "一個", "頭", "匹", "羽", "台", "個", "向かって", "向かう", "向け",
                    "背景", "舞台", "場所", "位置", "中", "様子", "撮影", "次", "場面", "見え", "見える", "姿", "画面", "動画",
                    "映像", "ゆっくり", "ゆっくりと", "だんだん", "どんどん", "次第に", "徐々に", "少しずつ", "勢いよく",
                    "元気よく", "その場", "場", "上空", "手前", "奥", "真ん中", "周り", "今", "生成", "下さい", "ください")
            // Wordings people type that the grammar never writes (the paraphrase suite checks them).
            .action(STILL, "動かさな", "動かさず")
            .action(GALLOP, "駆け抜け", "駆け抜ける")
            .action(FLY, "羽ばたい", "羽ばたく", "羽ばたき")
            .filler("見せて", "見て", "全速力", "続け", "続けて", "沿って", "乗って", "撮って", "映り", "映って", "何度も",
                    "したまま", "まま", "の上空")
            .build();

    @Override Language language() { return Language.JA; }

    @Override Lexicon lexicon() { return LEXICON; }

    private static String[] noun(SubjectSpec s, SplittableRandom rng) {   // {noun, counter}
        return switch (s.kind()) {
            case HORSE -> new String[]{"馬", "一頭"};
            case BALL -> pick(rng, new String[]{"ボール", "一つ"}, new String[]{"球", "一つ"});
            case BIRD -> new String[]{"鳥", "一羽"};
            case CAR -> pick(rng, new String[]{"車", "一台"}, new String[]{"自動車", "一台"});
            case FISH -> new String[]{"魚", "一匹"};
            case BOX -> pick(rng, new String[]{"箱", "一つ"}, new String[]{"ボックス", "一つ"});
            case STAR -> new String[]{"星", "一つ"};
        };
    }

    private static String colour(SubjectSpec s, SplittableRandom rng) {
        return switch (s.colour()) {
            case RED -> pick(rng, "赤い", "赤色の");
            case ORANGE -> "オレンジ色の";
            case YELLOW -> pick(rng, "黄色い", "黄色の");
            case GREEN -> pick(rng, "緑の", "緑色の");
            case BLUE -> pick(rng, "青い", "青色の");
            case PURPLE -> pick(rng, "紫の", "紫色の");
            case PINK -> pick(rng, "ピンクの", "ピンク色の");
            case WHITE -> "白い";
            case BLACK -> "黒い";
            case BROWN -> pick(rng, "茶色の", "茶色い");
        };
    }

    /** "大きな茶色い馬" or "茶色の大きな馬". */
    private static String described(SubjectSpec s, SplittableRandom rng) {
        String size = switch (s.size()) {
            case SMALL -> pick(rng, "小さな", "小さい");
            case MEDIUM -> pick(rng, "中くらいの", "中型の");
            case LARGE -> pick(rng, "大きな", "大きい");
        };
        String c = colour(s, rng), n = noun(s, rng)[0];
        return rng.nextBoolean() ? size + c + n : c + size + n;
    }

    private static String named(SubjectSpec s, SplittableRandom rng) { return colour(s, rng) + noun(s, rng)[0]; }

    private static String position(Relation r, SplittableRandom rng) {
        return switch (r) {
            case LEFT_OF -> pick(rng, "の左", "の左側");
            case RIGHT_OF -> pick(rng, "の右", "の右側");
            case ABOVE -> pick(rng, "の上", "の上方");
            case BELOW -> pick(rng, "の下", "の下方");
        };
    }

    private static String verb(SubjectSpec s, SplittableRandom rng) {
        String way = switch (s.direction()) {
            case LEFT -> pick(rng, "左へ", "左に向かって", "左方向へ");
            case RIGHT -> pick(rng, "右へ", "右に向かって", "右方向へ");
            case UP -> pick(rng, "上へ", "上に向かって");
            case DOWN -> pick(rng, "下へ", "下に向かって");
            case NONE -> "";
        };
        return switch (s.action()) {
            case STILL -> pick(rng, "じっとしている", "静止している", "止まっている");
            case MOVE -> s.direction() == UP && rng.nextBoolean() ? "上昇している"
                    : s.direction() == DOWN && rng.nextBoolean() ? "下降している"
                    : way + pick(rng, "移動している", "動いている", "進んでいく");
            case GALLOP -> way + pick(rng, "駆けている", "疾走している", "駆けていく");
            case BOUNCE -> pick(rng, "弾んでいる", "跳ねている", "ぴょんぴょん跳ねている");
            case JUMP -> pick(rng, "ジャンプしている", "跳び上がっている");
            case SPIN -> pick(rng, "回転している", "くるくる回っている");
            case GROW -> pick(rng, "だんだん大きくなっていく", "膨らんでいく");
            case SHRINK -> pick(rng, "だんだん小さくなっていく", "縮んでいく");
            case FLY -> way + pick(rng, "飛んでいる", "飛んでいく");
            case SWIM -> way + pick(rng, "泳いでいる", "泳いでいく");
        };
    }

    private static String locative(Scene scene, SplittableRandom rng) {
        return switch (scene) {
            case MEADOW -> pick(rng, "草原で", "野原で", "牧草地で");
            case BEACH -> pick(rng, "浜辺で", "砂浜で", "ビーチで");
            case NIGHT_SKY -> pick(rng, "夜空を背景に", "星空の下で", "夜空で");
            case SNOW -> pick(rng, "雪原で", "雪景色の中で", "雪の中で");
            case DESERT -> pick(rng, "砂漠で", "砂丘で");
            case CITY_STREET -> pick(rng, "街の通りで", "街中の通りで", "市街地の通りで");
            case STUDIO -> pick(rng, "スタジオで", "撮影スタジオで");
        };
    }

    private static String sceneName(Scene scene, SplittableRandom rng) {
        return switch (scene) {
            case MEADOW -> pick(rng, "草原", "野原");
            case BEACH -> pick(rng, "浜辺", "ビーチ");
            case NIGHT_SKY -> pick(rng, "夜空", "星空");
            case SNOW -> pick(rng, "雪原", "雪景色");
            case DESERT -> "砂漠";
            case CITY_STREET -> pick(rng, "街の通り", "市街地");
            case STUDIO -> "スタジオ";
        };
    }

    private static String cameraSentence(Camera camera, SplittableRandom rng) {
        return switch (camera) {
            case STATIC -> pick(rng, "カメラは固定されている。", "カメラは動かない。", "固定カメラで撮影。");
            case PAN_LEFT -> pick(rng, "カメラは左へパンする。", "カメラがゆっくり左へパンしていく。");
            case PAN_RIGHT -> pick(rng, "カメラは右へパンする。", "カメラがゆっくり右へパンしていく。");
            case ZOOM_IN -> pick(rng, "カメラはズームインする。", "カメラがゆっくりズームインしていく。");
            case ZOOM_OUT -> pick(rng, "カメラはズームアウトする。", "カメラがゆっくりズームアウトしていく。");
        };
    }

    private static String clause(SubjectSpec s, String place, SplittableRandom rng) {
        String where = place == null ? "" : place + "、";
        return switch (rng.nextInt(3)) {
            case 0 -> where + described(s, rng) + "が" + verb(s, rng);
            case 1 -> described(s, rng) + "が" + (place == null ? "" : place) + verb(s, rng);
            default -> where + described(s, rng) + "が" + noun(s, rng)[1] + "いて、" + verb(s, rng);
        };
    }

    @Override
    String shot(ShotSpec shot, SplittableRandom rng) {
        List<String> sentences = new ArrayList<>();
        int scenePlace = rng.nextInt(2), cameraPlace = rng.nextInt(2);
        if (cameraPlace == 0) sentences.add(cameraSentence(shot.camera(), rng));
        if (scenePlace == 1) sentences.add(pick(rng, "舞台は", "場所は") + sceneName(shot.scene(), rng) + "。");
        List<SubjectSpec> subjects = shot.subjects();
        for (int i = 0; i < subjects.size(); i++) {
            SubjectSpec s = subjects.get(i);
            RelationSpec r = i == 0 ? null : relationOf(shot, i);
            int style = rng.nextInt(3);
            String place = i == 0 && scenePlace == 0 ? locative(shot.scene(), rng) : null;
            if (r != null && style == 0) place = named(subjects.get(r.reference()), rng) + position(r.relation(), rng) + "では";
            sentences.add(clause(s, place, rng) + "。");
            if (r == null || style == 0) continue;
            SubjectSpec reference = subjects.get(r.reference());
            sentences.add(switch (style == 1 ? 0 : 1 + rng.nextInt(3)) {
                case 0 -> named(s, rng) + "は" + named(reference, rng) + position(r.relation(), rng) + "にある。";
                case 1 -> named(reference, rng) + position(r.relation(), rng) + "に" + named(s, rng) + "がある。";
                case 2 -> named(s, rng) + "の位置は" + named(reference, rng) + position(r.relation(), rng) + "だ。";
                default -> named(reference, rng) + "は" + named(s, rng) + position(PromptAssembler.inverse(r.relation()), rng) + "にある。";
            });
        }
        if (cameraPlace == 1) sentences.add(cameraSentence(shot.camera(), rng));
        return String.join("", sentences);
    }

    @Override
    String cut(SplittableRandom rng) { return pick(rng, "そしてカットが切り替わる。", "次のカットへ。", "場面が切り替わって、"); }
}
