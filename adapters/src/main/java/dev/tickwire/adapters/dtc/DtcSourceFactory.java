package dev.tickwire.adapters.dtc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tickwire.engine.adapter.FeedAdapter;
import dev.tickwire.engine.adapter.SourceFactory;
import dev.tickwire.engine.config.ConfigLoader;
import dev.tickwire.engine.config.Secrets;
import dev.tickwire.engine.config.TickwireConfig;
import dev.tickwire.journal.InstrumentCatalog;
import dev.tickwire.journal.SourceKind;

import java.util.List;

/** {@code type: dtc}: a live feed from a DTC server (Sierra Chart's), binary encoding. */
public final class DtcSourceFactory implements SourceFactory
{
    @Override
    public String type()
    {
        return "dtc";
    }

    @Override
    public List<FeedAdapter> create(final String key, final JsonNode node, final TickwireConfig config)
    {
        return List.of(create(key, ConfigLoader.section(key, node, DtcConfig.class).conclude(key),
            InstrumentCatalog.open(config.journalPath()), new Secrets()));
    }

    /** @param config concluded ({@link DtcConfig#conclude}) */
    static DtcSource create(final String key, final DtcConfig config, final InstrumentCatalog catalog,
        final Secrets secrets)
    {
        final String password = secrets.optional(key, "password", config.passwordEnv, config.passwordFile).orElse("");
        if (password.length() >= DtcProtocol.LOGON_CREDENTIAL_LENGTH)
        {
            throw new dev.tickwire.engine.config.ConfigException(key + ".password" +
                (config.passwordEnv != null ? "Env" : "File"), "the password must be at most 31 characters (DTC's field)");
        }
        return new DtcSource(key, config, catalog, sourceId(catalog, config.name), password);
    }

    /** DTC has no range of its own: its ids come from the shared range, keyed by the source's name. */
    static int sourceId(final InstrumentCatalog catalog, final String name)
    {
        return catalog.sources().register(SourceKind.SHARED, "dtc:" + name, 0);
    }
}
