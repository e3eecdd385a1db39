package org.civicline.agentui.desk;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.civicline.agentui.BusReplies;
import org.civicline.core.model.Channel;
import org.civicline.core.model.Citizen;
import org.civicline.core.model.Contact;
import org.civicline.core.reference.CategoryCatalog;
import org.civicline.core.store.Stores;
import org.civicline.core.workflow.Case;

/**
 * {@code GET /api/desk/residents/{contactId}}: who is on the line — the resident's earlier contacts (from every
 * address the resident is known by) and cases, newest first, and the {@link RepeatCaller} flag. Personal data:
 * agents and supervisors only (AccessPolicy).
 */
public final class ResidentRoutes {
    static final int MAX_CONTACTS = 50;
    static final int MAX_CASES = 20;
    static final int MAX_TEXT = 80;

    /** The resident as the desk shows them. */
    public record ResidentView(String contactId, Channel channel, String sender, Resident resident,
                               List<EarlierContact> contacts, List<EarlierCase> cases, RepeatCaller.Verdict repeat,
                               boolean elderlyLine) {
    }

    /** What the citizen store knows; {@code elderlyProfileId} links a 12349 profile. */
    public record Resident(String id, String name, String phone, String wechatOpenId, String address,
                           String elderlyProfileId) {
    }

    public record EarlierContact(String id, Channel channel, String channelName, String sender, Instant receivedAt,
                                 String text, String caseNumber, boolean current) {
    }

    public record EarlierCase(String number, Channel channel, Instant createdAt, String categoryCode,
                              String categoryName, String state, String stateName, boolean open, String description,
                              String address) {
    }

    private final Stores stores;
    private final CategoryCatalog categories;
    private final Clock clock;

    public ResidentRoutes(Stores stores, CategoryCatalog categories, Clock clock) {
        this.stores = stores;
        this.categories = categories;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/desk/residents/:contactId").handler(this::resident);
    }

    private void resident(RoutingContext ctx) {
        String contactId = ctx.pathParam("contactId");
        if (contactId == null || contactId.length() > 100) {
            BusReplies.bad(ctx, "contactId", "is required, at most 100 characters");
            return;
        }
        stores.contacts().get(contactId)
                .compose(found -> found.map(this::view).orElse(Future.succeededFuture(null)))
                .onSuccess(view -> {
                    if (view == null) {
                        BusReplies.json(ctx, 404, Map.of("error", "no contact " + contactId));
                    } else {
                        BusReplies.json(ctx, 200, view);
                    }
                })
                .onFailure(e -> BusReplies.json(ctx, 503, Map.of("error", "store unavailable")));
    }

    private Future<ResidentView> view(Contact contact) {
        return citizenOf(contact).compose(citizen -> {
            Set<String> addresses = new LinkedHashSet<>();
            if (contact.sender() != null) {
                addresses.add(contact.sender());
            }
            citizen.ifPresent(c -> {
                if (c.phone() != null) {
                    addresses.add(c.phone());
                }
                if (c.wechatOpenId() != null) {
                    addresses.add(c.wechatOpenId());
                }
            });
            Future<List<Contact>> earlier = Future.all(addresses.stream()
                            .map(a -> stores.contacts().recentBySender(a, MAX_CONTACTS)).toList())
                    .map(all -> all.<List<Contact>>list().stream().flatMap(List::stream).toList());
            Future<List<String>> citizenCases = citizen.map(c -> stores.cases().recentNumbersOfCitizen(c.id(),
                    MAX_CASES)).orElse(Future.succeededFuture(List.of()));
            return Future.all(earlier, citizenCases).compose(both -> {
                List<Contact> contacts = distinctNewestFirst(earlier.result(), contact);
                Set<String> numbers = new LinkedHashSet<>(citizenCases.result());
                contacts.stream().map(Contact::caseNumber).filter(Objects::nonNull).forEach(numbers::add);
                return Future.all(numbers.stream().limit(MAX_CASES).map(stores.cases()::get).toList())
                        .map(read -> {
                            List<Case> cases = read.<Optional<Case>>list().stream().flatMap(Optional::stream)
                                    .sorted(Comparator.comparing((Case c) -> c.details().createdAt()).reversed())
                                    .toList();
                            return assemble(contact, citizen, contacts, cases);
                        });
            });
        });
    }

    private ResidentView assemble(Contact contact, Optional<Citizen> citizen, List<Contact> contacts,
                                  List<Case> cases) {
        List<String> open = cases.stream().filter(c -> c.state().isOpen()).map(Case::number).toList();
        RepeatCaller.Verdict verdict = RepeatCaller.judge(contacts.stream().map(Contact::receivedAt).toList(), open,
                clock.instant());
        // A case opened at the desk names its contact; the contact itself may not name the case.
        Map<String, String> caseOfContact = new LinkedHashMap<>();
        cases.stream().filter(c -> c.details().contactId() != null)
                .forEach(c -> caseOfContact.putIfAbsent(c.details().contactId(), c.number()));
        boolean elderly = contact.channel() == Channel.ELDER_12349 || contact.channel() == Channel.ONE_TOUCH
                || citizen.map(Citizen::elderlyProfileId).isPresent();
        return new ResidentView(contact.id(), contact.channel(), contact.sender(),
                citizen.map(c -> new Resident(c.id(), c.name(), c.phone(), c.wechatOpenId(), c.address(),
                        c.elderlyProfileId())).orElse(null),
                contacts.stream().map(c -> new EarlierContact(c.id(), c.channel(), c.channel().label(), c.sender(),
                        c.receivedAt(), shorten(c.text()), c.caseNumber() != null ? c.caseNumber()
                        : caseOfContact.get(c.id()), c.id().equals(contact.id()))).toList(),
                cases.stream().map(this::earlierCase).toList(), verdict, elderly);
    }

    private EarlierCase earlierCase(Case c) {
        String name = c.categoryCode() == null ? null
                : categories.entry(c.categoryCode()).map(CategoryCatalog.Entry::name).orElse(null);
        return new EarlierCase(c.number(), c.details().channel(), c.details().createdAt(), c.categoryCode(), name,
                c.state().name(), c.state().display(), c.state().isOpen(), shorten(c.details().description()),
                c.details().address());
    }

    /** The resident named on the contact, else the one the channel address belongs to. */
    private Future<Optional<Citizen>> citizenOf(Contact contact) {
        if (contact.citizenId() != null) {
            return stores.citizens().get(contact.citizenId());
        }
        String sender = contact.sender();
        if (sender == null) {
            return Future.succeededFuture(Optional.empty());
        }
        return switch (contact.channel()) {
            case WECHAT -> stores.citizens().findByWechatOpenId(sender);
            case APP -> stores.citizens().findByAppAccount(sender);
            default -> sender.matches("\\+?[0-9-]{3,20}") ? stores.citizens().findByPhone(sender)
                    : Future.succeededFuture(Optional.empty());
        };
    }

    /** The contacts of every address once each, newest first; the current one is always there. */
    private static List<Contact> distinctNewestFirst(List<Contact> found, Contact current) {
        Map<String, Contact> byId = new LinkedHashMap<>();
        byId.put(current.id(), current);
        found.forEach(c -> byId.putIfAbsent(c.id(), c));
        List<Contact> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Contact::receivedAt).thenComparing(Contact::id).reversed());
        return all.subList(0, Math.min(MAX_CONTACTS, all.size()));
    }

    private static String shorten(String text) {
        if (text == null) {
            return null;
        }
        String one = text.strip().replaceAll("\\s+", " ");
        return one.length() > MAX_TEXT ? one.substring(0, MAX_TEXT) + "…" : one;
    }
}
