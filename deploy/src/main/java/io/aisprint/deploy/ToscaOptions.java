package io.aisprint.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The options of TOSCA generation, named after toscarizer's ({@code --base|--optimal},
 * {@code --elastic N}, {@code --domain}, {@code --influxdb-url}, {@code --influxdb-token}).
 *
 * @param optimal     the designer's production deployment instead of the base (first-candidate) one
 * @param elastic     0, or the most worker nodes CLUES may power on
 * @param domain      DNS domain of the clusters, null for toscarizer's default {@code im.grycap.net}
 * @param influxUrl   the top-level InfluxDB (toscarizer's default {@code https://influx.oncloudandheat.com/})
 * @param influxToken its API token
 * @param imAuth      the IM auth file on one line (lines joined by the two characters {@code \n}); needed with elastic
 */
public record ToscaOptions(boolean optimal, int elastic, String domain, String influxUrl, String influxToken, String imAuth) {
    public static final String DEFAULT_INFLUX_URL = "https://influx.oncloudandheat.com/";

    public ToscaOptions {
        if (elastic < 0) {
            throw new IllegalArgumentException("elastic is " + elastic + ", expected 0 (off) or the most worker nodes");
        }
        influxUrl = influxUrl == null ? DEFAULT_INFLUX_URL : influxUrl;
        influxToken = influxToken == null ? "" : influxToken;
    }

    public static ToscaOptions base() {
        return new ToscaOptions(false, 0, null, null, null, null);
    }

    public static ToscaOptions optimalDeployment() {
        return new ToscaOptions(true, 0, null, null, null, null);
    }

    public ToscaOptions withElastic(int maxNodes, String authLine) {
        return new ToscaOptions(optimal, maxNodes, domain, influxUrl, influxToken, authLine);
    }

    public ToscaOptions withDomain(String newDomain) {
        return new ToscaOptions(optimal, elastic, newDomain, influxUrl, influxToken, imAuth);
    }

    public ToscaOptions withInflux(String url, String token) {
        return new ToscaOptions(optimal, elastic, domain, url, token, imAuth);
    }

    /**
     * Reads an IM auth file (one credential per line) as the one-line header value the IM and
     * CLUES expect: lines joined by the two characters {@code \n}.
     */
    public static String readAuthFile(Path file) {
        try {
            return Files.readString(file).replace("\n", "\\n");
        } catch (NoSuchFileException e) {
            throw new DeployException(DeployException.Code.UNREADABLE_INPUT, file.toString(), "",
                    "IM auth data does not exist (--elastic needs it to let CLUES add and remove VMs)"
                            + "\nMaybe pass --im-auth FILE or create im/auth.dat in the application directory.");
        } catch (IOException e) {
            throw new DeployException(DeployException.Code.UNREADABLE_INPUT, file.toString(), "",
                    "cannot read the IM auth file (" + e.getMessage() + ")");
        }
    }
}
