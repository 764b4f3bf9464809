package uk.hallmonitor.classification.internal;

/** Maps the emoji that carry meaning for moderation to placeholder tokens; the rest become one generic token. */
final class Emoji {

    private Emoji() {
    }

    /** The token for a code point, or {@code null} when it is not an emoji or symbol worth keeping. */
    static String token(int cp) {
        return switch (cp) {
            case 0x1F595 -> "__emo_finger";
            case 0x1F52A, 0x1F5E1, 0x1F52B, 0x1F4A3, 0x2620, 0x1F480, 0x26B0, 0x1FA78, 0x1F9E8 -> "__emo_weapon";
            case 0x1F346, 0x1F4A6, 0x1F351, 0x1F445, 0x1F51E -> "__emo_sexual";
            case 0x1F602, 0x1F923, 0x1F606, 0x1F605, 0x1F639 -> "__emo_laugh";
            case 0x2764, 0x1F60D, 0x1F970, 0x1F499, 0x1F49A, 0x1F49B, 0x1F49C, 0x1F5A4, 0x1F495, 0x1F496, 0x1F497,
                    0x1F618, 0x1F917 -> "__emo_love";
            case 0x1F44F, 0x1F44D, 0x1F64C, 0x1F389, 0x1F38A, 0x2B50, 0x1F31F, 0x1F3C6, 0x1F947, 0x1F4AF, 0x1F60A,
                    0x1F600, 0x1F601, 0x1F642, 0x263A -> "__emo_happy";
            case 0x1F621, 0x1F620, 0x1F92C, 0x1F624, 0x1F47F -> "__emo_angry";
            case 0x1F922, 0x1F92E, 0x1F4A9, 0x1F921, 0x1F437, 0x1F416, 0x1F412, 0x1F435, 0x1F98D -> "__emo_insult";
            case 0x1F62D, 0x1F622, 0x1F494, 0x1F61E, 0x1F614 -> "__emo_sad";
            case 0x1F914, 0x2753, 0x2754 -> "__emo_question";
            default -> isPictograph(cp) ? "__emo" : null;
        };
    }

    private static boolean isPictograph(int cp) {
        return (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || (cp >= 0x1F000 && cp <= 0x1F2FF);
    }
}
