package dev.cumulus.core.number;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The hot path of integer files: sums a run of lines of the form {@code -?[0-9]{1,16}\n}, eight bytes at a time.
 *
 * <p>
 * Read byte by byte, a line costs a branch per digit whose exit the processor mispredicts as soon as lengths vary.
 * Here a line costs the same few word operations whatever its length and sign, without a branch that depends on
 * either: the terminator is the first non-digit flagged in the two words that follow the first byte, and the digits
 * are converted from the two words that end at the terminator. The run stops at the first line of any other form
 * (decimals, {@code \r}, blanks, a {@code +} sign, longer numbers, bad text) and leaves it to the general path, which
 * also reports errors; so this class never decides that a line is invalid, it only takes the lines it is sure of.
 */
final class IntegerLines {

    /** The run reads up to 16 bytes before a terminator, so it starts this far into the buffer. */
    static final int MIN_START = 16;
    /** The run reads up to this many bytes from a line start, so it stops this far before the end of the data. */
    static final int LOOKAHEAD = 18;

    /** 900 values below 10^16 in magnitude sum to less than 2^63: a batch this long needs no overflow check. */
    private static final int BATCH = 900;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030303030303030L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;

    /** By digit count, the bytes of the last and the second-to-last word that hold digits. */
    private static final long[] LOW_MASKS = new long[32];
    private static final long[] HIGH_MASKS = new long[32];
    static {
        for (int digits = 1; digits <= 16; digits++) {
            LOW_MASKS[digits] = digits >= 8 ? -1L : -1L << ((8 - digits) << 3);
            HIGH_MASKS[digits] = digits <= 8 ? 0 : -1L << ((16 - digits) << 3);
        }
    }

    private IntegerLines() {
    }

    /**
     * Sums the integer lines starting at {@code from}, and at each following line start below {@code stop}, into
     * {@code acc}. Needs {@code from >= MIN_START} and {@code stop <= length of the data - LOOKAHEAD}.
     *
     * @return the start of the first line not summed
     */
    static int sum(byte[] b, int from, int stop, DecimalAccumulator acc) {
        int p = from;
        int left = BATCH;
        long n = 0;
        long sum = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        while (p < stop) {
            if (--left < 0) {
                acc.addIntegers(n, sum, min, max);
                n = 0;
                sum = 0;
                min = Long.MAX_VALUE;
                max = Long.MIN_VALUE;
                left = BATCH - 1;
            }
            // the words after the first byte, so that a minus and 16 digits still end within them
            int first = b[p] & 0xFF;
            long flags0 = nonDigits((long) LONGS.get(b, p + 1) ^ ZEROS);
            long flags1 = nonDigits((long) LONGS.get(b, p + 9) ^ ZEROS);
            // the first flagged byte of the sixteen; 128 when all are digits
            int bit = Long.numberOfTrailingZeros(flags0);
            bit += Long.numberOfTrailingZeros(flags1) & -(bit >>> 6);
            int t = p + 1 + (bit >>> 3);
            // 1 for a minus sign, computed without a branch: signs are as unpredictable as lengths
            int negative = ((first ^ '-') - 1) >>> 31;
            int digits = t - p - negative;
            int firstDigit = first - '0';
            // taken: the first byte is a digit or a minus, 1 to 16 digits follow it, then a newline
            int firstBad = ((firstDigit | 9 - firstDigit) & negative - 1) >> 31;
            if ((firstBad | digits - 1 & ~15) != 0 || b[t] != '\n') {
                break;
            }
            long v = value((long) LONGS.get(b, t - 16) ^ ZEROS, (long) LONGS.get(b, t - 8) ^ ZEROS, digits);
            v = (v ^ -negative) + negative;
            sum += v;
            n++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            p = t + 1;
        }
        acc.addIntegers(n, sum, min, max);
        return p;
    }

    /** The high bit of each byte that is not 0 to 9, given bytes xor '0'; exact for every byte value. */
    private static long nonDigits(long x) {
        // a byte is a digit when its low seven bits are below 10 and its high bit is clear
        return ((x & LOW7) + 0x7676767676767676L | x) & HIGH;
    }

    /**
     * The value of the last {@code digits} bytes (1 to 16, digits xor '0') of the sixteen bytes {@code hi, lo}
     * (little-endian words, so the number's last digit is the top byte of {@code lo}).
     */
    private static long value(long hi, long lo, int digits) {
        return eightDigits(hi & HIGH_MASKS[digits & 31]) * 100_000_000L + eightDigits(lo & LOW_MASKS[digits & 31]);
    }

    /** Eight digit values (0 to 9), the most significant in the lowest byte, to their number. */
    private static long eightDigits(long v) {
        // pairs of digits into the even bytes, then the four pairs weighted at once by two multiplications
        v = v * 10 + (v >>> 8);
        return ((v & 0x000000FF000000FFL) * 0x000F424000000064L
                + (v >>> 16 & 0x000000FF000000FFL) * 0x0000271000000001L) >>> 32;
    }
}
