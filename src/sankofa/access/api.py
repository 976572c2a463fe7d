"""API tokens: issued after the password and the second factor, listed and revoked by their user
(authentication itself: access.authentication)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from sankofa.core.api import TokenThrottle, TokenUsernameThrottle, as_drf_error

from . import selectors, services
from .models import ApiToken


class KnoxTokenScheme(OpenApiAuthenticationExtension):
    target_class = "sankofa.access.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>`, from POST /api/v1/auth/token/ (expires; see /api/v1/auth/tokens/).",
        }


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        max_length=64,
        required=False,
        default="",
        allow_blank=True,
        help_text="A code of the authenticator app, or a recovery code; needed when two-factor authentication is on.",
    )
    device = serializers.CharField(max_length=100, help_text="Which device or script the token is for.")


class IssuedTokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Shown once: only a hash of it is kept.")
    expiry = serializers.DateTimeField(allow_null=True)
    id = serializers.IntegerField()
    device = serializers.CharField()


class ApiTokenSerializer(serializers.ModelSerializer):
    """A token as listed: never its value or hash."""

    device = serializers.CharField(source="name")
    current = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ["id", "device", "created", "expiry", "current"]

    def get_current(self, token) -> bool:
        return getattr(self.context["request"].auth, "pk", None) == token.pk


REFUSED = OpenApiResponse(
    OpenApiTypes.OBJECT, description="Wrong credentials or code (the same answer for both)."
)
MFA_NEEDED = OpenApiResponse(
    OpenApiTypes.OBJECT, description="Locked out, or two-factor authentication must be set up first."
)
THROTTLED = OpenApiResponse(OpenApiTypes.OBJECT, description="Too many attempts; try again later.")


class ObtainTokenView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [TokenThrottle, TokenUsernameThrottle]

    @extend_schema(
        request=TokenRequestSerializer,
        responses={201: IssuedTokenSerializer, 400: REFUSED, 403: MFA_NEEDED, 429: THROTTLED},
        description="Exchange a username, password and (with two-factor authentication) a code for an "
        "expiring token for one device.",
        auth=[],
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            token, key = services.token_issue(request=request._request, **data.validated_data)
        except DjangoValidationError as exc:
            raise as_drf_error(exc) from exc
        body = {"token": key, "expiry": token.expiry, "id": token.pk, "device": token.name}
        return Response(IssuedTokenSerializer(body).data, status=status.HTTP_201_CREATED)


NOT_FOUND = OpenApiResponse(OpenApiTypes.OBJECT, description="No such token among yours.")


@extend_schema_view(
    list=extend_schema(description="Your API tokens in force, without their values."),
    destroy=extend_schema(description="Revoke one of your tokens.", responses={204: None, 404: NOT_FOUND}),
)
class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    serializer_class = ApiTokenSerializer
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return selectors.api_tokens_of(self.request.user)

    def destroy(self, request, pk=None):
        try:
            services.token_revoke(actor=request.user, token_id=int(pk))
        except ApiToken.DoesNotExist:
            raise NotFound() from None
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=None,
        responses={204: None},
        description="Revoke all your tokens, including the one of this request.",
    )
    @action(detail=False, methods=["delete"], url_path="all")
    def revoke_all(self, request):
        services.tokens_revoke_all(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
