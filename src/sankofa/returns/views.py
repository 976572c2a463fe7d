"""Voluntary return pages. Thin: parse the request, call a selector or a service, render."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sankofa.access.models import Office
from sankofa.access.roles import CASE_WRITERS
from sankofa.access.selectors import offices_of
from sankofa.cases.selectors import case_get, case_people
from sankofa.core.parsing import positive_int
from sankofa.core.views import save_or_error

from . import exports, forms, selectors, services
from .models import Booking, Movement, TravelDocument


def _form_page(request, *, title, form, back, case=None, extra=None):
    return render(
        request,
        "returns/form_page.html",
        {"title": title, "form": form, "back": back, "case": case, **(extra or {})},
    )


@login_required
def queues_view(request):
    actor = request.user
    return render(
        request,
        "returns/queues.html",
        {
            "awaiting": selectors.queue_awaiting_approval(actor=actor)[:100],
            "documents": selectors.queue_documents_pending(actor=actor)[:100],
            "ready": selectors.queue_ready_to_travel(actor=actor, limit=100),
            "arrivals": selectors.queue_expected_arrivals(actor=actor),
        },
    )


@login_required
def request_new_view(request, number):
    case = case_get(actor=request.user, number=number, for_writing=True)
    form = forms.RequestForm(
        request.POST or None,
        people=case_people(actor=request.user, case=case),
        destination=case.principal.nationality,
    )
    created = []

    def write():
        d = form.cleaned_data
        created.append(
            services.return_request_create(
                actor=request.user,
                case=case,
                people=list(d["people"]),
                destination_country=d["destination_country"],
                destination_place=d["destination_place"],
                voluntary=d["voluntary"],
                informed_consent_on=d["informed_consent_on"],
            )
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect("returns:request", created[0].pk)
    return _form_page(
        request, title=_("Request a voluntary return"), form=form, back=case.get_absolute_url(), case=case
    )


@login_required
def request_view(request, pk):
    return_request = selectors.request_get(actor=request.user, pk=pk)
    view = selectors.request_view(actor=request.user, request=return_request)
    user = request.user
    return render(
        request,
        "returns/request_detail.html",
        {
            "view": view,
            "r": return_request,
            "case": return_request.case,
            "can_prepare": user.has_perm("returns.prepare_request", return_request),
            "can_approve": user.has_perm("returns.approve_request", return_request),
            "can_hand_over": user.has_perm("returns.send_handover", return_request),
            "document_form": forms.DocumentUpdateForm(),
        },
    )


def _request_form_view(request, pk, *, form_class, title, write, form_kwargs=None):
    return_request = selectors.request_get(actor=request.user, pk=pk)
    form = form_class(
        request.POST or None, initial={"version": return_request.version}, **(form_kwargs or {})
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_error(request, form, lambda: write(return_request, form.cleaned_data))
    ):
        return redirect("returns:request", return_request.pk)
    return _form_page(
        request,
        title=title,
        form=form,
        back=return_request.get_absolute_url(),
        case=return_request.case,
        extra={"r": return_request},
    )


@login_required
def decide_view(request, pk):
    return _request_form_view(
        request,
        pk,
        form_class=forms.DecisionForm,
        title=_("Eligibility decision"),
        write=lambda r, d: services.return_request_decide(
            actor=request.user, request=r, eligible=d["eligible"], reason=d["reason"], version=d["version"]
        ),
    )


@login_required
def approve_view(request, pk):
    def write(r, d):
        if d["decision"] == "approve":
            services.return_request_approve(
                actor=request.user, request=r, note=d["note"], version=d["version"]
            )
        else:
            services.return_request_reject(
                actor=request.user, request=r, note=d["note"], version=d["version"]
            )

    return _request_form_view(
        request, pk, form_class=forms.ApprovalForm, title=_("Supervisor approval"), write=write
    )


@login_required
def withdraw_view(request, pk):
    return _request_form_view(
        request,
        pk,
        form_class=forms.WithdrawForm,
        title=_("Withdrawal of consent to return"),
        write=lambda r, d: services.return_request_withdraw(
            actor=request.user, request=r, reason=d["reason"], on=d["on"], version=d["version"]
        ),
    )


def _people_of(request, return_request):
    return selectors.request_view(actor=request.user, request=return_request).people


@login_required
def document_add_view(request, pk):
    return_request = selectors.request_get(actor=request.user, pk=pk)
    people = return_request.people.filter(pk__in=[p.pk for p in _people_of(request, return_request)])
    return _request_form_view(
        request,
        pk,
        form_class=forms.DocumentRequestForm,
        form_kwargs={"people": people},
        title=_("Request a travel document"),
        write=lambda r, d: services.travel_document_request(
            actor=request.user,
            request=r,
            person=d["person"],
            kind=d["kind"],
            consulate=d["consulate"],
            requested_on=d["requested_on"],
        ),
    )


@login_required
def document_update_view(request, pk):
    document = get_object_or_404(TravelDocument.objects.select_related("request", "person"), pk=pk)
    return_request = selectors.request_get(actor=request.user, pk=document.request_id)  # 404 out of scope
    view = selectors.request_view(actor=request.user, request=return_request)
    if document not in view.documents:
        raise Http404
    form = forms.DocumentUpdateForm(request.POST or None)

    def write():
        d = form.cleaned_data
        if d["action"] == "interview":
            services.travel_document_interview(
                actor=request.user, document=document, interview_on=d["day"], notes=d["notes"]
            )
        elif d["action"] == "issue":
            if not d["expires_on"]:
                raise ValidationError(_("Give the date until which the document is valid."))
            services.travel_document_issue(
                actor=request.user,
                document=document,
                number=d["number"],
                issued_on=d["day"],
                expires_on=d["expires_on"],
            )
        else:
            services.travel_document_refuse(actor=request.user, document=document, reason=d["notes"])

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect("returns:request", return_request.pk)
    return _form_page(
        request,
        title=_("Travel document of %(person)s") % {"person": document.person},
        form=form,
        back=return_request.get_absolute_url(),
        case=return_request.case,
        extra={"r": return_request},
    )


@login_required
def fitness_add_view(request, pk):
    return_request = selectors.request_get(actor=request.user, pk=pk)
    people = return_request.people.filter(pk__in=[p.pk for p in _people_of(request, return_request)])
    return _request_form_view(
        request,
        pk,
        form_class=forms.FitnessForm,
        form_kwargs={"people": people},
        title=_("Fit-to-travel check"),
        write=lambda r, d: services.fit_to_travel_record(actor=request.user, request=r, **d),
    )


@login_required
def book_view(request, pk):
    return_request = selectors.request_get(actor=request.user, pk=pk)
    movements = selectors.movements_visible_to(request.user).filter(
        status=Movement.Status.BOOKED, destination_country=return_request.destination_country
    )
    return _request_form_view(
        request,
        pk,
        form_class=forms.BookForm,
        form_kwargs={"movements": movements},
        title=_("Book on a movement"),
        write=lambda r, d: services.movement_book(actor=request.user, movement=d["movement"], request=r),
    )


@login_required
def handover_send_view(request, pk):
    return_request = selectors.request_get(actor=request.user, pk=pk)
    offices = Office.objects.filter(kind=Office.Kind.ORIGIN, country=return_request.destination_country)
    return _request_form_view(
        request,
        pk,
        form_class=forms.HandoverForm,
        form_kwargs={"offices": offices},
        title=_("Hand over to the origin office"),
        write=lambda r, d: services.handover_send(
            actor=request.user, request=r, to_office=d["to_office"], note=d["note"]
        ),
    )


@login_required
def handover_view(request, pk):
    handover = selectors.handover_get(actor=request.user, pk=pk)
    if request.method == "POST":
        if save_or_error(
            request, None, lambda: services.handover_acknowledge(actor=request.user, handover=handover)
        ):
            return redirect(handover.case)
        return redirect("returns:handover", handover.pk)
    return render(
        request,
        "returns/handover.html",
        {
            "handover": handover,
            "arrival": selectors.expected_arrival(actor=request.user, handover=handover),
            "can_acknowledge": request.user.has_perm("returns.receive_handover", handover),
        },
    )


@login_required
def movements_view(request):
    return render(
        request,
        "returns/movements.html",
        {
            "movements": selectors.movements_visible_to(request.user).prefetch_related("bookings")[:200],
            "can_plan": bool(offices_of(request.user, roles=CASE_WRITERS)),
        },
    )


@login_required
def movement_new_view(request):
    offices = offices_of(request.user, roles=CASE_WRITERS)
    if not offices.exists():
        raise PermissionDenied
    form = forms.MovementForm(request.POST or None, offices=offices)
    created = []

    def write():
        d = form.cleaned_data
        escorts = (
            [services.EscortInput(d["escort_name"], d["escort_kind"] or "operations")]
            if d["escort_name"]
            else []
        )
        created.append(
            services.movement_create(
                actor=request.user,
                office=d["office"],
                kind=d["kind"],
                reference=d["reference"],
                destination_country=d["destination_country"],
                departure_on=d["departure_on"],
                legs=[
                    services.LegInput(
                        d["from_place"], d["to_place"], d["departs_at"], d["arrives_at"], d["carrier"]
                    )
                ],
                escorts=escorts,
            )
        )

    if request.method == "POST" and form.is_valid() and save_or_error(request, form, write):
        return redirect("returns:movement", created[0].pk)
    return _form_page(request, title=_("Plan a movement"), form=form, back=reverse("returns:movements"))


@login_required
def movement_view(request, pk):
    movement = selectors.movement_get(actor=request.user, pk=pk)
    return render(
        request,
        "returns/movement_detail.html",
        {
            "movement": movement,
            "manifest": selectors.manifest(actor=request.user, movement=movement),
            "bookings": selectors.movement_bookings(actor=request.user, movement=movement),
            "can_manage": request.user.has_perm("returns.manage_movement", movement),
            "can_cancel": request.user.has_perm("returns.cancel_movement", movement),
        },
    )


MOVEMENT_ACTIONS = {
    "depart": services.movement_depart,
    "in-transit": services.movement_in_transit,
    "arrive": services.movement_arrive,
    "cancel": services.movement_cancel,
}


@login_required
@require_POST
def movement_action_view(request, pk, action):
    movement = selectors.movement_get(actor=request.user, pk=pk)
    if action not in MOVEMENT_ACTIONS:
        raise Http404
    version = request.POST.get("version", "")
    save_or_error(
        request,
        None,
        lambda: MOVEMENT_ACTIONS[action](
            actor=request.user, movement=movement, version=positive_int(version)
        ),
    )
    return redirect("returns:movement", movement.pk)


@login_required
@require_POST
def booking_status_view(request, pk, status):
    booking = get_object_or_404(Booking.objects.select_related("movement"), pk=pk)
    movement = selectors.movement_get(actor=request.user, pk=booking.movement_id)  # 404 out of scope
    save_or_error(
        request, None, lambda: services.booking_set_status(actor=request.user, booking=booking, status=status)
    )
    return redirect("returns:movement", movement.pk)


@login_required
def manifest_pdf_view(request, pk):
    movement = selectors.movement_get(actor=request.user, pk=pk)
    rows = selectors.manifest(actor=request.user, movement=movement)
    response = HttpResponse(exports.manifest_pdf(movement, rows), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="manifest-{movement.reference}.pdf"'
    return response


@login_required
def manifest_xlsx_view(request, pk):
    movement = selectors.movement_get(actor=request.user, pk=pk)
    rows = selectors.manifest(actor=request.user, movement=movement)
    response = HttpResponse(
        exports.manifest_xlsx(movement, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="manifest-{movement.reference}.xlsx"'
    return response
