package io.zuoxi.web.persistence;

/**
 * The one normal form for phone numbers stored in {@code customer_phones} and used for lookups:
 * digits only, without the China country code ({@code +86 138-0013-8000 → 13800138000}).
 */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(raw.length());
        boolean plus = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                sb.append(c);
            } else if (c == '+' && sb.length() == 0) {
                plus = true;
            }
            // spaces, dashes, dots, brackets: presentation only
        }
        String digits = sb.toString();
        if (plus && digits.startsWith("86")) {
            digits = digits.substring(2);
        } else if (digits.startsWith("0086")) {
            digits = digits.substring(4);
        }
        return digits;
    }
}
