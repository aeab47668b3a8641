package io.zuoxi.web.auth;

/**
 * The one number-masking policy (号码脱敏), applied to REST responses, WebSocket events, exports and
 * recordings alike: users without the reveal permission see the middle digits replaced, e.g.
 * {@code 13800138000 → 138****8000}, {@code 02155550101 → 021****0101}; numbers of 7 to 9 digits keep fewer
 * digits so that at least 3 are hidden ({@code 5551234 → 55***34}). Short numbers (internal
 * extensions, up to 6 digits) are never masked: agents need to see colleagues' extensions.
 */
public final class NumberMasking {

    private NumberMasking() {
    }

    public static String apply(Principal viewer, String number) {
        if (viewer != null && viewer.revealNumbers()) {
            return number;
        }
        return mask(number);
    }

    public static String mask(String number) {
        if (number == null || number.length() <= 6) {
            return number;
        }
        int keepHead = 3;
        int keepTail = 4;
        if (number.length() < 10) {
            // 7..9 digits (local numbers without area code): keeping 3 + 4 would hide nothing or
            // almost nothing, so always hide at least 3 digits.
            keepTail = Math.min(3, (number.length() - 3) / 2);
            keepHead = Math.min(3, number.length() - 3 - keepTail);
        }
        StringBuilder sb = new StringBuilder(number.length());
        sb.append(number, 0, keepHead);
        sb.append("*".repeat(number.length() - keepHead - keepTail));
        sb.append(number, number.length() - keepTail, number.length());
        return sb.toString();
    }
}
