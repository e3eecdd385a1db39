package org.civicline.core.cases.departments;

import java.util.List;

/**
 * A handling department (承办单位). Its name is how categories and case assignees name it.
 *
 * @param handler    who receives new cases and reminders (催办)
 * @param head       the department's head, who gets the second reminder when a case is overdue (督办)
 * @param categories extra category codes dispatched here besides those whose default department it is
 * @param gridPrefix for a street office (街道): the grid codes it covers start with this; local matters of a grid
 *                   in it are dispatched here
 */
public record Department(String name, Person handler, Person head, List<String> categories, String gridPrefix) {

    /** A contact person; either address may be missing. */
    public record Person(String name, String phone, String wechatOpenId) {
    }

    public Department {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a department needs a name");
        }
        categories = categories == null ? List.of() : List.copyOf(categories);
    }
}
