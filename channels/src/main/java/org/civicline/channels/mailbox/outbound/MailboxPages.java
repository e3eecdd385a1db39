package org.civicline.channels.mailbox.outbound;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.civicline.channels.mailbox.Letter;
import org.civicline.channels.mailbox.inbound.LetterForm;
import org.civicline.core.model.Category;

/** The mailbox's pages: the letter form, the receipt, the query page. Every value from outside is escaped. */
public final class MailboxPages {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;
    private final List<Category> categories;
    private final int maxAttachments;

    public MailboxPages(ZoneId zone, List<Category> categories, int maxAttachments) {
        this.zone = zone;
        this.categories = categories;
        this.maxAttachments = maxAttachments;
    }

    public String form(String formToken, List<LetterForm.Problem> problems) {
        StringBuilder page = new StringBuilder();
        if (!problems.isEmpty()) {
            page.append("<div class=\"problems\" role=\"alert\"><p>请修改以下内容后再提交：</p><ul>");
            problems.forEach(p -> page.append("<li data-field=\"").append(esc(p.field())).append("\">")
                    .append(esc(p.message())).append("</li>"));
            page.append("</ul></div>");
        }
        page.append("<form method=\"post\" action=\"/mailbox\" enctype=\"multipart/form-data\">")
                .append("<input type=\"hidden\" name=\"formToken\" value=\"").append(esc(formToken)).append("\">")
                .append(field("name", "姓名", "text", true, "maxlength=\"30\" autocomplete=\"name\""))
                .append(field("phone", "联系电话", "tel", true, "maxlength=\"20\" autocomplete=\"tel\""))
                .append(field("idLast4", "身份证后四位（选填）", "text", false, "maxlength=\"4\""))
                .append(field("subject", "主题", "text", true, "maxlength=\"60\""))
                .append("<label for=\"letter\">信件内容</label><textarea id=\"letter\" name=\"letter\" rows=\"8\" ")
                .append("maxlength=\"3000\" required></textarea>")
                .append("<label for=\"category\">问题分类（选填）</label><select id=\"category\" name=\"category\">")
                .append("<option value=\"\">不确定</option>");
        categories.forEach(c -> page.append("<option value=\"").append(esc(c.code())).append("\">")
                .append(esc(c.name())).append("</option>"));
        page.append("</select>")
                .append("<label for=\"attachments\">附件（选填，最多 ").append(maxAttachments)
                .append(" 张 JPEG/PNG 图片）</label><input id=\"attachments\" type=\"file\" name=\"attachments\" ")
                .append("accept=\"image/jpeg,image/png\" multiple>")
                .append("<fieldset><legend>是否同意公开来信及答复</legend>")
                .append("<label><input type=\"radio\" name=\"publish\" value=\"yes\"> 同意</label>")
                .append("<label><input type=\"radio\" name=\"publish\" value=\"no\" checked> 不同意</label></fieldset>")
                // Hidden from people (off-screen, not announced, not focusable); bots fill it in.
                .append("<div class=\"hp\" aria-hidden=\"true\"><label for=\"").append(LetterForm.HONEYPOT)
                .append("\">网址（请勿填写）</label><input id=\"").append(LetterForm.HONEYPOT).append("\" name=\"")
                .append(LetterForm.HONEYPOT).append("\" tabindex=\"-1\" autocomplete=\"off\"></div>")
                .append("<button type=\"submit\">提交来信</button></form>")
                .append("<p class=\"note\">提交后您将获得工单号和查询码，凭查询码可在<a href=\"/mailbox/query\">此处</a>")
                .append("查询办理进度。</p>");
        return layout("书记区长信箱", page.toString());
    }

    public String receipt(Letter letter) {
        String body = "<div class=\"receipt\"><p>您的来信已收到。</p>"
                + "<p>工单号：<strong id=\"caseNumber\">" + esc(letter.caseNumber() == null ? "立案中" : letter.caseNumber())
                + "</strong></p><p>查询码：<strong id=\"queryCode\">" + esc(letter.queryCode()) + "</strong></p>"
                + "<p>我们将在 " + WHEN.format(letter.firstResponseDue().atZone(zone)) + " 前首次答复。"
                + "请妥善保存查询码，它是查看办理进度的唯一凭证。</p>"
                + "<p><a href=\"/mailbox/query\">查询办理进度</a></p></div>";
        return layout("来信已受理", body);
    }

    /** The received-page answer to a honeypot submission: looks like success, says nothing. */
    public String silentlyIgnored() {
        return layout("来信已收到", "<p>您的来信已收到。</p>");
    }

    public String queryForm(String message) {
        String body = (message == null ? "" : "<div class=\"problems\" role=\"alert\">" + esc(message) + "</div>")
                + "<form method=\"post\" action=\"/mailbox/query\">"
                + field("code", "查询码", "text", true, "maxlength=\"20\" autocomplete=\"off\"")
                + "<button type=\"submit\">查询</button></form>";
        return layout("来信办理进度查询", body);
    }

    public String progress(Letter letter, String caseProgress) {
        StringBuilder body = new StringBuilder("<div class=\"progress\"><pre id=\"progress\">")
                .append(esc(caseProgress)).append("</pre>");
        if (!letter.answers().isEmpty()) {
            body.append("<h2>答复</h2><ul id=\"answers\">");
            letter.answers().forEach(a -> body.append("<li><time>").append(WHEN.format(a.at().atZone(zone)))
                    .append("</time> ").append(esc(a.text())).append("</li>"));
            body.append("</ul>");
        }
        body.append("</div>");
        return layout("来信办理进度", body.toString());
    }

    public String tooMany(String what) {
        return layout("请稍后再试", "<div class=\"problems\" role=\"alert\">" + esc(what) + "</div>");
    }

    private static String field(String name, String label, String type, boolean required, String extra) {
        return "<label for=\"" + name + "\">" + label + "</label><input id=\"" + name + "\" name=\"" + name
                + "\" type=\"" + type + "\" " + extra + (required ? " required" : "") + ">";
    }

    private static String layout(String title, String body) {
        return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + esc(title) + "</title><style>"
                + "body{font-family:system-ui,'PingFang SC','Microsoft YaHei',sans-serif;max-width:40rem;margin:0 auto;"
                + "padding:1rem;line-height:1.6}label{display:block;margin-top:.8rem;font-weight:600}"
                + "input,select,textarea,button{width:100%;box-sizing:border-box;font-size:1rem;padding:.5rem}"
                + "fieldset label{display:inline;font-weight:400}fieldset input{width:auto}"
                + "button{margin-top:1rem;background:#c0392b;color:#fff;border:0;border-radius:4px}"
                + ".problems{background:#fdecea;padding:.5rem 1rem;border-radius:4px}"
                + ".hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}"
                + "pre{white-space:pre-wrap;font-family:inherit}</style></head><body><h1>" + esc(title) + "</h1>"
                + body + "</body></html>";
    }

    public static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
