package dev.meshcall.server.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The encryption against the RFCs' own examples, byte for byte: RFC 8291 section 5 / appendix A (the watermelon
 * message) and RFC 5869 test case 1 for HKDF-SHA256.
 */
class PushEncryptionTest {
    private static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8w"
            + "EqKK6PBru3jl7A8";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZ"
            + "GH6SRpkNtoIAiw4";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e"
            + "3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj"
            + "_Qulcy4a-fN";

    @Test
    void rfc8291Section5_theWatermelonMessage() {
        KeyPair ephemeral = new KeyPair(P256.publicKey(Base64Url.decode(AS_PUBLIC)),
                P256.privateKey(Base64Url.decode(AS_PRIVATE)));

        byte[] body = PushEncryption.encrypt(Base64Url.decode(UA_PUBLIC), Base64Url.decode(AUTH),
                "When I grow up, I want to be a watermelon".getBytes(StandardCharsets.UTF_8), ephemeral,
                Base64Url.decode(SALT));

        assertThat(Base64Url.encode(body)).isEqualTo(BODY);
    }

    @Test
    void rfc5869TestCase1() {
        HexFormat hex = HexFormat.of();
        byte[] prk = Hkdf.extract(hex.parseHex("000102030405060708090a0b0c"),
                hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"));
        assertThat(hex.formatHex(prk)).isEqualTo("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5");
        assertThat(hex.formatHex(Hkdf.expand(prk, hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42))).isEqualTo(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
    }

    @Test
    void aMessageLongerThanOneRecordIsRefused() {
        KeyPair browser = P256.generate();
        byte[] p256dh = P256.encode((ECPublicKey) browser.getPublic());
        PushEncryption encryption = new PushEncryption();
        assertThat(encryption.encrypt(p256dh, new byte[16], new byte[PushEncryption.MAX_PLAINTEXT_BYTES]))
                .hasSize(PushEncryption.RECORD_SIZE);
        assertThatThrownBy(() -> encryption.encrypt(p256dh, new byte[16],
                new byte[PushEncryption.MAX_PLAINTEXT_BYTES + 1])).hasMessageContaining("at most 3993 bytes");
    }

    @Test
    void aPointOffTheCurveIsRefused() {
        byte[] point = Base64Url.decode(UA_PUBLIC);
        point[64] ^= 1;
        assertThatThrownBy(() -> P256.publicKey(point)).hasMessageContaining("not on the P-256 curve");
    }
}
