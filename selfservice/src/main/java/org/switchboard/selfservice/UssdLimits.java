package org.switchboard.selfservice;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import net.freeutils.charset.gsm.SCGSMCharset;

/**
 * How much text one USSD screen carries: 182 characters of the GSM 7-bit default alphabet (an extension character
 * such as {@code €} counts two), or 80 when a character needs UCS-2 (Cyrillic does: Russian menus are UCS-2).
 */
public final class UssdLimits {

    public static final int GSM_SEPTETS = 182;
    public static final int UCS2_CHARACTERS = 80;
    private static final Charset GSM = new SCGSMCharset();

    private UssdLimits() {}

    /** Whether {@code text} fits one screen. */
    public static boolean fits(String text) {
        int septets = septets(text);
        return septets >= 0 ? septets <= GSM_SEPTETS : text.length() <= UCS2_CHARACTERS;
    }

    /** Whether {@code text} goes as GSM 7-bit (else UCS-2). */
    public static boolean isGsm(String text) {
        return septets(text) >= 0;
    }

    /** The septets of {@code text} in the GSM default alphabet, or -1 when it needs UCS-2. */
    private static int septets(String text) {
        CharsetEncoder encoder = GSM.newEncoder();
        try {
            return encoder.encode(CharBuffer.wrap(text)).remaining();
        } catch (CharacterCodingException needsUcs2) {
            return -1;
        }
    }
}
