package dev.booty.cli.commands;

import dev.booty.cli.BaseCommand;
import dev.booty.cli.CliContext;
import dev.booty.cli.OutputOptions;
import dev.booty.core.BootyException;
import dev.booty.core.home.BootyHome;
import dev.booty.core.security.StackCredentials;
import dev.booty.core.util.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "ca",
    description =
        "booty's own certificate authority (made by the first 'booty up', kept in HOME/security):"
            + " it signs the certificates of Nomad, Consul, their agents, the front door (Caddy's"
            + " HTTPS) and booty itself.",
    subcommands = {CaCommand.Export.class, CaCommand.Info.class})
public final class CaCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The CA certificate of this home; a usage error naming the command that makes it. */
  static Path certificate(BootyHome home) {
    Path ca = StackCredentials.dir(home).resolve("ca.pem");
    if (!Files.isRegularFile(ca)) {
      throw BootyException.usage(
          "this home has no CA yet ("
              + ca
              + " is missing): 'booty up' makes it when it secures the stack");
    }
    return ca;
  }

  @Command(
      name = "export",
      description = {
        "Print booty's CA certificate (PEM, public: never its key), for browsers, curl or the"
            + " nomad and consul CLIs to trust the stack's HTTPS."
      },
      footer = {
        "",
        "Examples:",
        "  booty ca export > booty-ca.pem",
        "  booty ca export --out /usr/local/share/ca-certificates/booty.crt && update-ca-certificates",
        "  curl --cacert booty-ca.pem https://127.0.0.1:14646/v1/status/leader",
        "  curl --cacert booty-ca.pem -u booty https://127.0.0.1:18080/"
      })
  static final class Export extends BaseCommand {
    @Option(names = "--out", paramLabel = "FILE", description = "write it to FILE instead")
    Path out;

    Export(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      String pem = Files.readString(certificate(home()));
      if (out == null) {
        ctx.out().print(pem);
      } else {
        Files.writeString(out, pem);
        ctx.err().println("wrote booty's CA certificate to " + out);
      }
      return 0;
    }
  }

  @Command(
      name = "info",
      description = "Show the CA: subject, validity, SHA-256 fingerprint and where it is kept.")
  static final class Info extends BaseCommand {
    @Mixin OutputOptions output;

    Info(CliContext ctx) {
      super(ctx);
    }

    @Override
    protected int execute() throws Exception {
      Path file = certificate(home());
      X509Certificate c;
      try (InputStream in = Files.newInputStream(file)) {
        c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("subject", c.getSubjectX500Principal().getName());
      info.put("notBefore", c.getNotBefore().toInstant().toString());
      info.put("notAfter", c.getNotAfter().toInstant().toString());
      info.put(
          "sha256",
          HexFormat.ofDelimiter(":")
              .withUpperCase()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded())));
      info.put("file", file.toString());
      if (output.json) {
        ctx.out().println(Json.MAPPER.writeValueAsString(info));
      } else {
        info.forEach((k, v) -> ctx.out().printf("%-10s %s%n", k, v));
      }
      return 0;
    }
  }
}
