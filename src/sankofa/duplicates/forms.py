from django import forms
from django.utils.translation import gettext_lazy as _


class MergeForm(forms.Form):
    survivor = forms.TypedChoiceField(label=_("Keep the registration"), coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survivor"].choices = [
            (pair.person_a_id, _("left (older)")),
            (pair.person_b_id, _("right (newer)")),
        ]
        self.fields["survivor"].initial = pair.person_a_id
