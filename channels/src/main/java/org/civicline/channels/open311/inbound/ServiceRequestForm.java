package org.civicline.channels.open311.inbound;

import io.vertx.core.MultiMap;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.civicline.channels.open311.ServiceCatalog;
import org.civicline.core.model.GeoPoint;

/**
 * A {@code POST requests} form, read and checked. An empty parameter counts as absent (GeoReport's rule). Every
 * problem names its parameter; all are reported together.
 */
public record ServiceRequestForm(String serviceCode, GeoPoint location, String address, String addressId,
                                 String email, String deviceId, String accountId, String firstName, String lastName,
                                 String phone, String description, String mediaUrl,
                                 Map<String, List<String>> attributes) {

    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_ADDRESS = 500;
    static final int MAX_SHORT = 100;
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\[\\]]{1,50})](\\[])?");
    private static final Pattern HTML = Pattern.compile("<\\s*/?\\s*[a-zA-Z!][^>]*>");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{2,19}");

    /** What was wrong, parameter by parameter; empty {@code problems} means {@code form} is set. */
    public record Reading(ServiceRequestForm form, List<String> problems) {
    }

    /**
     * Reads {@code params}; {@code hasPhoto} tells whether a photo came along, whose EXIF position may stand in for
     * a missing location (checked by the caller once the photo is read).
     */
    public static Reading read(MultiMap params, ServiceCatalog services, boolean hasPhoto) {
        List<String> problems = new ArrayList<>();
        String code = value(params, "service_code");
        if (code == null) {
            problems.add("service_code is required");
        } else if (services.find(code).isEmpty()) {
            problems.add("service_code '" + clip(code) + "' is not a service; see services.xml");
        }
        GeoPoint location = location(params, problems);
        String address = limited(params, "address_string", MAX_ADDRESS, problems);
        String addressId = limited(params, "address_id", MAX_SHORT, problems);
        if (location == null && address == null && addressId == null && !hasPhoto && noLocationProblem(problems)) {
            problems.add("a location is required: lat and long, address_string or address_id");
        }
        String email = limited(params, "email", 320, problems);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problems.add("email is not an e-mail address");
        }
        String phone = limited(params, "phone", 30, problems);
        if (phone != null && !PHONE.matcher(phone).matches()) {
            problems.add("phone must be a phone number of digits");
        }
        String description = limited(params, "description", MAX_DESCRIPTION, problems);
        if (description != null && HTML.matcher(description).find()) {
            problems.add("description must be plain text, without HTML");
        }
        String mediaUrl = limited(params, "media_url", 2000, problems);
        if (mediaUrl != null && !isWebUrl(mediaUrl)) {
            problems.add("media_url must be an http or https URL");
        }
        Map<String, List<String>> attributes = attributes(params, problems);
        ServiceRequestForm form = new ServiceRequestForm(code, location, address, addressId, email,
                limited(params, "device_id", MAX_SHORT, problems), limited(params, "account_id", MAX_SHORT, problems),
                limited(params, "first_name", MAX_SHORT, problems), limited(params, "last_name", MAX_SHORT, problems),
                phone == null ? null : phone.replace(" ", ""), description, mediaUrl, attributes);
        return new Reading(problems.isEmpty() ? form : null, List.copyOf(problems));
    }

    public boolean hasLocation() {
        return location != null || address != null || addressId != null;
    }

    public ServiceRequestForm withLocation(GeoPoint where) {
        return new ServiceRequestForm(serviceCode, where, address, addressId, email, deviceId, accountId, firstName,
                lastName, phone, description, mediaUrl, attributes);
    }

    public ServiceRequestForm withMediaUrl(String url) {
        return new ServiceRequestForm(serviceCode, location, address, addressId, email, deviceId, accountId,
                firstName, lastName, phone, description, url, attributes);
    }

    public boolean urgent() {
        return attributes.getOrDefault(ServiceCatalog.URGENCY, List.of()).contains(ServiceCatalog.URGENT);
    }

    /** The resident's name as one string, or null. */
    public String name() {
        String joined = ((lastName == null ? "" : lastName) + (firstName == null ? "" : firstName)).strip();
        return joined.isEmpty() ? null : joined;
    }

    /** Every parameter that decides what the request is, in a stable order: a retry yields the same text. */
    public String fingerprint() {
        Map<String, Object> sorted = new TreeMap<>();
        sorted.put("service_code", serviceCode);
        sorted.put("location", location == null ? null : location.latitude() + "," + location.longitude());
        sorted.put("address", address);
        sorted.put("address_id", addressId);
        sorted.put("email", email);
        sorted.put("device_id", deviceId);
        sorted.put("account_id", accountId);
        sorted.put("phone", phone);
        sorted.put("description", description);
        sorted.put("media_url", mediaUrl);
        sorted.put("attributes", new TreeMap<>(attributes));
        return sorted.toString();
    }

    private static GeoPoint location(MultiMap params, List<String> problems) {
        String lat = value(params, "lat");
        String lon = value(params, "long");
        if (lat == null && lon == null) {
            return null;
        }
        if (lat == null || lon == null) {
            problems.add((lat == null ? "lat" : "long") + " is required together with " + (lat == null ? "long" : "lat"));
            return null;
        }
        Double latitude = number(lat);
        Double longitude = number(lon);
        if (latitude == null || latitude < -90 || latitude > 90) {
            problems.add("lat must be a number from -90 to 90");
        }
        if (longitude == null || longitude < -180 || longitude > 180) {
            problems.add("long must be a number from -180 to 180");
        }
        return problems.stream().anyMatch(p -> p.startsWith("lat ") || p.startsWith("long "))
                ? null : new GeoPoint(longitude, latitude);
    }

    private static boolean noLocationProblem(List<String> problems) {
        return problems.stream().noneMatch(p -> p.startsWith("lat") || p.startsWith("long"));
    }

    private static Map<String, List<String>> attributes(MultiMap params, List<String> problems) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (String name : params.names()) {
            if (!name.startsWith("attribute")) {
                continue;
            }
            Matcher m = ATTRIBUTE.matcher(name);
            if (!m.matches()) {
                problems.add("'" + clip(name) + "' is not of the form attribute[code]");
                continue;
            }
            String code = m.group(1);
            List<String> allowed = ServiceCatalog.attributeValues(code).orElse(null);
            if (allowed == null) {
                problems.add("attribute[" + clip(code) + "] is not an attribute of this service");
                continue;
            }
            List<String> values = params.getAll(name).stream().map(String::strip).filter(v -> !v.isEmpty()).toList();
            for (String v : values) {
                if (!allowed.contains(v)) {
                    problems.add("attribute[" + code + "] must be one of " + allowed + ", got '" + clip(v) + "'");
                }
            }
            if (values.size() > 1 && m.group(2) == null) {
                problems.add("attribute[" + code + "] takes a single value");
            }
            if (!values.isEmpty()) {
                attributes.put(code, values);
            }
        }
        return attributes;
    }

    private static String limited(MultiMap params, String name, int max, List<String> problems) {
        String v = value(params, name);
        if (v != null && v.length() > max) {
            problems.add(name + " is longer than " + max + " characters (" + v.length() + ")");
            return null;
        }
        return v;
    }

    static String value(MultiMap params, String name) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }

    private static Double number(String text) {
        try {
            double d = Double.parseDouble(text);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isWebUrl(String text) {
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }

    /** Echoed input is shortened so that an error answer cannot be made huge. */
    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
