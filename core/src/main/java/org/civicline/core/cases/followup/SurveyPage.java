package org.civicline.core.cases.followup;

/**
 * The one-page survey (回访评价) a resident opens from the SMS or WeChat link: Chinese first, works on any phone
 * browser without script. Everything shown is escaped; the page names the case number and nothing about the
 * resident.
 */
public final class SurveyPage {
    private static final String HEAD = """
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>%s</title>
            <style>
            body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:32rem;margin:0 auto;
            padding:1rem;line-height:1.6;color:#222}
            h1{font-size:1.3rem}fieldset{border:1px solid #ccc;border-radius:.5rem;margin:0 0 1rem;padding:.5rem 1rem}
            label{display:block;padding:.3rem 0}textarea{width:100%%;box-sizing:border-box;min-height:5rem}
            button{font-size:1.1rem;padding:.6rem 2rem;border:0;border-radius:.4rem;background:#c8102e;color:#fff}
            .en{color:#777;font-size:.85rem}.error{color:#c8102e}
            </style></head><body>
            """;

    private SurveyPage() {
    }

    public static String form(String token, String caseNumber, String error) {
        StringBuilder html = new StringBuilder(String.format(HEAD, "12345 回访评价"));
        html.append("<h1>12345 热线回访评价</h1>")
                .append("<p>您反映的问题（工单 <span id=\"case\">").append(escape(caseNumber))
                .append("</span>）已办结，请告诉我们办理情况。<br><span class=\"en\">Your case is closed. "
                        + "Please tell us how it went.</span></p>");
        if (error != null) {
            html.append("<p class=\"error\" id=\"error\">").append(escape(error)).append("</p>");
        }
        html.append("<form method=\"post\" action=\"/s/").append(escape(token)).append("\">")
                .append("<fieldset><legend>问题是否已解决？<span class=\"en\">Solved?</span></legend>")
                .append("<label><input type=\"radio\" name=\"solved\" value=\"yes\" required> 已解决</label>")
                .append("<label><input type=\"radio\" name=\"solved\" value=\"no\"> 未解决</label></fieldset>")
                .append("<fieldset><legend>满意程度 <span class=\"en\">Satisfaction</span></legend>");
        String[] labels = {"非常满意", "满意", "基本满意", "不满意", "非常不满意"};
        for (int i = 0; i < labels.length; i++) {
            int score = 5 - i;
            html.append("<label><input type=\"radio\" name=\"satisfaction\" value=\"").append(score).append('"')
                    .append(i == 0 ? " required" : "").append("> ").append(labels[i]).append("</label>");
        }
        html.append("</fieldset><fieldset><legend>意见建议（选填）<span class=\"en\">Comment</span></legend>")
                .append("<textarea name=\"comment\" maxlength=\"").append(SurveyAnswer.MAX_COMMENT)
                .append("\"></textarea></fieldset><button type=\"submit\">提交评价</button></form></body></html>");
        return html.toString();
    }

    public static String thanks() {
        return String.format(HEAD, "感谢评价") + "<h1 id=\"done\">感谢您的评价！</h1><p>您的意见已记录。如问题未解决，"
                + "我们将重新办理并与您联系。<br><span class=\"en\">Thank you, your answer is recorded.</span></p>"
                + "</body></html>";
    }

    public static String closed() {
        return String.format(HEAD, "链接已失效") + "<h1 id=\"closed\">该评价链接已失效</h1><p>链接已提交过或已过期。"
                + "如有问题请拨打 12345。<br><span class=\"en\">This link was used or has expired.</span></p>"
                + "</body></html>";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
