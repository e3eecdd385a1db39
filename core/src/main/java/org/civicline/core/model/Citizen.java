package org.civicline.core.model;

/**
 * A resident known to the city. Any of the channel addresses may be null.
 *
 * @param elderlyProfileId the 12349 / one-touch profile, for elderly residents
 */
public record Citizen(
        String id,
        String phone,
        String wechatOpenId,
        String appAccount,
        String name,
        String address,
        String elderlyProfileId) {
}
