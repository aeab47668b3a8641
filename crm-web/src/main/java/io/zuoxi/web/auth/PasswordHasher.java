package io.zuoxi.web.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * PBKDF2WithHmacSHA256 with a random 16-byte salt per user; hash, salt (base64) and iteration count
 * are stored so the cost can be raised later without invalidating old passwords. Blocking and
 * deliberately slow: call it on a worker thread.
 */
public final class PasswordHasher {

    public static final int DEFAULT_ITERATIONS = 120_000;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHasher() {
    }

    public record Hash(String hash, String salt, int iterations) {}

    public static Hash hash(String password) {
        return hash(password, DEFAULT_ITERATIONS);
    }

    public static Hash hash(String password, int iterations) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return new Hash(b64(derive(password, salt, iterations)), b64(salt), iterations);
    }

    /** Constant-time comparison of the derived key. */
    public static boolean verify(String password, String hash, String salt, int iterations) {
        byte[] expected = Base64.getDecoder().decode(hash);
        byte[] actual = derive(password, Base64.getDecoder().decode(salt), iterations);
        return MessageDigest.isEqual(expected, actual);
    }

    static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 unavailable", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** A random password for bootstrap accounts (URL-safe, 18 bytes of entropy). */
    public static String randomPassword() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
