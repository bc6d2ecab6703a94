package dev.tally.gateway.server;

import dev.tally.core.error.TallyException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/**
 * {@code --tls-cert FILE --tls-key FILE}: a PEM certificate chain and a PEM PKCS#8 private key (what certbot and
 * most tools write), as the in-memory key store Jetty takes. A bad file is one line naming the flag.
 */
final class TlsFiles {
    static final char[] PASSWORD = "tally-gateway".toCharArray();

    private TlsFiles() {}

    static KeyStore keyStore(Path certFile, Path keyFile) {
        Collection<? extends Certificate> chain;
        try {
            chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certFile)));
        } catch (IOException | GeneralSecurityException e) {
            throw TallyException.usage("--tls-cert " + certFile + ": not a readable PEM certificate");
        }
        if (chain.isEmpty()) {
            throw TallyException.usage("--tls-cert " + certFile + ": no certificate in the file");
        }
        PrivateKey key = privateKey(keyFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("gateway", key, PASSWORD, chain.toArray(Certificate[]::new));
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw TallyException.usage("--tls-key " + keyFile + ": does not go with --tls-cert");
        }
    }

    private static PrivateKey privateKey(Path keyFile) {
        String pem;
        try {
            pem = Files.readString(keyFile);
        } catch (IOException e) {
            throw TallyException.usage("--tls-key " + keyFile + ": cannot read it");
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            throw TallyException.usage(
                    "--tls-key " + keyFile + ": expected a PEM PKCS#8 key (-----BEGIN PRIVATE KEY-----); convert with"
                            + " openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw TallyException.usage("--tls-key " + keyFile + ": not an RSA, EC or Ed25519 key");
    }
}
