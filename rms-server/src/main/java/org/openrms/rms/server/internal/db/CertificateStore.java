package org.openrms.rms.server.internal.db;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;

/** JDBC access to the {@code machines} and {@code issued_certificates} tables. */
public final class CertificateStore {
  private final Database db;

  /** A store over this database. */
  public CertificateStore(Database db) {
    this.db = db;
  }

  /** An issued certificate to record. */
  public record Issued(
      String serialHex,
      String kind,
      String subjectEmail,
      String login,
      String machineFingerprint,
      String racType,
      String groupIdType,
      Instant issuedAt,
      Instant notBefore,
      Instant notAfter) {}

  /** Records an activated machine and its certificate, in one transaction. */
  public void recordMachine(Issued cert, String publicKeySha256, String hostName) {
    db.inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO machines (fingerprint, public_key_sha256, certificate_serial,"
                      + " host_name, activated_by, activated_at, not_after)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, cert.machineFingerprint());
            ps.setString(2, publicKeySha256);
            ps.setString(3, cert.serialHex());
            ps.setString(4, hostName);
            ps.setString(5, cert.login());
            ps.setObject(6, cert.issuedAt().atOffset(ZoneOffset.UTC));
            ps.setObject(7, cert.notAfter().atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
          }
          insert(c, cert);
          return null;
        });
  }

  /** Records an issued RAC. */
  public void recordRac(Issued cert) {
    db.inTransaction(
        c -> {
          insert(c, cert);
          return null;
        });
  }

  private static void insert(java.sql.Connection c, Issued cert) throws java.sql.SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO issued_certificates (serial, kind, subject_email, login,"
                + " machine_fingerprint, rac_type, group_id_type, issued_at, not_before,"
                + " not_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, cert.serialHex());
      ps.setString(2, cert.kind());
      ps.setString(3, cert.subjectEmail());
      ps.setString(4, cert.login());
      ps.setString(5, cert.machineFingerprint());
      ps.setString(6, cert.racType());
      ps.setString(7, cert.groupIdType());
      ps.setObject(8, cert.issuedAt().atOffset(ZoneOffset.UTC));
      ps.setObject(9, cert.notBefore().atOffset(ZoneOffset.UTC));
      ps.setObject(10, cert.notAfter().atOffset(ZoneOffset.UTC));
      ps.executeUpdate();
    }
  }
}
