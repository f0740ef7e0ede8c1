/* ical_write.c - the meeting invitation as iCalendar (the adapter's output side; see
 * ical.h): one VEVENT with METHOD:REQUEST (CANCEL when cancelled), its description saying the
 * time in the AE's and the prospect's zones, built with libical's components and written with
 * CRLF line endings. */
#include "io/ical.h"

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/tz.h"
#include "util/strbuf.h"

/* ---------------------------------------------------------------- writing: the invitation */

/* Adds a participant property (ORGANIZER or ATTENDEE) with its CN when there is a name. */
static icalproperty *participant(icalproperty *p, const char *name)
{
	if (name && name[0])
		icalproperty_add_parameter(p, icalparameter_new_cn(name));
	return p;
}

/* "mailto:<email>", or "mailto:noreply@<domain>" when there is no email. */
static char *mailto(struct strbuf *sb, const char *email, const char *domain)
{
	strbuf_reset(sb);
	if (email && email[0])
		strbuf_addf(sb, "mailto:%s", email);
	else
		strbuf_addf(sb, "mailto:noreply@%s", domain && domain[0] ? domain : "baton.local");
	return sb->buf;
}

/* Appends "When: <local time> in <zone> (<AE>), <local time> in <zone> (your time); N minutes."
 * to sb: the meeting in the AE's zone, and in the lead's when known and different. */
static void local_times(struct strbuf *sb, const struct ical_invite *inv)
{
	char a[24], b[24];

	if (!inv->organizer_zone || !tz_known(inv->organizer_zone))
		return;
	strbuf_addf(sb, "%sWhen: %s in %s", sb->len ? "\n\n" : "", tz_format(inv->organizer_zone, inv->start, a),
		    inv->organizer_zone);
	if (inv->organizer_name && inv->organizer_name[0])
		strbuf_addf(sb, " (%s)", inv->organizer_name);
	if (inv->attendee_zone && strcmp(inv->attendee_zone, inv->organizer_zone) != 0 && tz_known(inv->attendee_zone))
		strbuf_addf(sb, ", %s in %s (your time)", tz_format(inv->attendee_zone, inv->start, b), inv->attendee_zone);
	strbuf_addf(sb, "; %d minutes.", inv->minutes);
}

char *ical_invite_write(const struct ical_invite *inv)
{
	icaltimezone *utc = icaltimezone_get_utc_timezone();
	icalcomponent *cal, *ev;
	icalproperty *p;
	struct strbuf sb;
	enum icalproperty_status status = ICAL_STATUS_TENTATIVE;
	int cancel = 0;
	char *text;

	if (!inv || !inv->attendee_email || !inv->attendee_email[0] || !inv->uid_domain || !inv->uid_domain[0] ||
	    inv->minutes < 1)
		return NULL;
	if (inv->status && strcmp(inv->status, "booked") == 0)
		status = ICAL_STATUS_CONFIRMED;
	if (inv->status && strcmp(inv->status, "cancelled") == 0) {
		status = ICAL_STATUS_CANCELLED;
		cancel = 1;
	}
	strbuf_init(&sb);
	cal = icalcomponent_vanew(ICAL_VCALENDAR_COMPONENT, icalproperty_new_prodid("-//baton//baton//EN"),
				  icalproperty_new_version("2.0"), icalproperty_new_calscale("GREGORIAN"),
				  icalproperty_new_method(cancel ? ICAL_METHOD_CANCEL : ICAL_METHOD_REQUEST), (void *)0);
	ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);

	strbuf_addf(&sb, "meeting-%lld@%s", (long long)inv->meeting_id, inv->uid_domain);
	icalcomponent_add_property(ev, icalproperty_new_uid(sb.buf));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(icaltime_from_timet_with_zone((time_t)inv->stamp, 0, utc)));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(icaltime_from_timet_with_zone((time_t)inv->start, 0, utc)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(
		icaltime_from_timet_with_zone((time_t)(inv->start + (int64_t)inv->minutes * 60), 0, utc)));
	icalcomponent_add_property(ev, icalproperty_new_sequence(inv->sequence < 0 ? 0 : inv->sequence));
	icalcomponent_add_property(ev, icalproperty_new_status(status));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));

	strbuf_reset(&sb);
	if (inv->summary && inv->summary[0])
		strbuf_addstr(&sb, inv->summary);
	else
		strbuf_addf(&sb, "Meeting with %s",
			    inv->attendee_name && inv->attendee_name[0] ? inv->attendee_name : inv->attendee_email);
	icalcomponent_add_property(ev, icalproperty_new_summary(sb.buf));
	strbuf_reset(&sb);
	if (inv->description && inv->description[0])
		strbuf_addstr(&sb, inv->description);
	local_times(&sb, inv);
	if (inv->booked_by && inv->booked_by[0])
		strbuf_addf(&sb, "%sBooked by %s.", sb.len ? "\n\n" : "", inv->booked_by);
	if (sb.len)
		icalcomponent_add_property(ev, icalproperty_new_description(sb.buf));

	p = icalproperty_new_organizer(mailto(&sb, inv->organizer_email, inv->uid_domain));
	icalcomponent_add_property(ev, participant(p, inv->organizer_name));
	p = participant(icalproperty_new_attendee(mailto(&sb, inv->attendee_email, NULL)), inv->attendee_name);
	icalproperty_add_parameter(p, icalparameter_new_cutype(ICAL_CUTYPE_INDIVIDUAL));
	icalproperty_add_parameter(p, icalparameter_new_role(ICAL_ROLE_REQPARTICIPANT));
	icalproperty_add_parameter(p, icalparameter_new_partstat(ICAL_PARTSTAT_NEEDSACTION));
	icalproperty_add_parameter(p, icalparameter_new_rsvp(cancel ? ICAL_RSVP_FALSE : ICAL_RSVP_TRUE));
	icalcomponent_add_property(ev, p);
	if (inv->booked_by && inv->booked_by[0]) {
		p = icalproperty_new_x(inv->booked_by);
		icalproperty_set_x_name(p, "X-BATON-BOOKED-BY");
		icalcomponent_add_property(ev, p);
	}
	icalcomponent_add_component(cal, ev);
	text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	strbuf_release(&sb);
	return text;
}
