package org.civicline.channels.open311;

import io.vertx.ext.web.Router;
import java.nio.file.Path;
import org.civicline.channels.ChannelKit;
import org.civicline.channels.MessageChannel;
import org.civicline.channels.open311.inbound.Open311Routes;
import org.civicline.channels.open311.inbound.Open311Submissions;
import org.civicline.channels.uploads.PhotoStore;
import org.civicline.core.model.Channel;

/**
 * The city app and every other Open311 client: GeoReport v2 in, progress out through {@code requests} and the update
 * feed (there is no push back to an app, so no outbound part).
 */
public final class Open311Channel implements MessageChannel {
    private final Open311Routes routes;

    public Open311Channel(ChannelKit kit) {
        Open311Config config = kit.config().section("open311", Open311Config.class);
        Path uploads = Path.of(kit.settings().uploadDir());
        PhotoStore photos = new PhotoStore(kit.vertx(), uploads.resolve("photos"),
                kit.settings().publicUrl() + Open311Routes.BASE + "/media/", kit.settings().maxUploadBytes(),
                kit.clock());
        RequestViews views = new RequestViews(kit.reference().categories(), kit.reference().calendar().zone());
        this.routes = new Open311Routes(config, new ServiceCatalog(kit.reference().categories()), views,
                new PublicRequests(kit.stores().cases()),
                new Open311Submissions(kit.intake(), kit.stores().contacts(), kit.stores().reference(), kit.cases(),
                        kit.clock()),
                photos, kit.settings().publicUrl(), kit.clientAddresses(), kit.clock());
    }

    @Override
    public Channel kind() {
        return Channel.OPEN311;
    }

    @Override
    public void mount(Router router) {
        routes.mount(router);
    }
}
